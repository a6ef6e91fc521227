import { Badge, type Tone } from "@/components/ui/badge";

const STATE_TONE: Record<string, Tone> = {
  new: "gray",
  booting: "blue",
  deploying: "violet",
  ready: "green",
  failed: "red",
  rebooting: "amber",
};

const STATE_HINT: Record<string, string> = {
  new: "registered, has not booted yet",
  booting: "boot script served, waiting for the machine to report in",
  deploying: "reported in, runtime playbook queued or running",
  ready: "deployed and healthy",
  failed: "the last deployment failed",
  rebooting: "power action sent, waiting for it to boot",
};

export function MachineStateBadge({ state }: { state: string }) {
  return (
    <Badge tone={STATE_TONE[state] ?? "gray"} title={STATE_HINT[state]}>
      <span aria-hidden className="size-1.5 rounded-full bg-current" />
      {state}
    </Badge>
  );
}

export function MaintenanceBadge() {
  return (
    <Badge tone="amber" title="in maintenance: boot holds, rollouts skip it">
      maintenance
    </Badge>
  );
}
