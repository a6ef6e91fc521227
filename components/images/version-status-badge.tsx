import { Badge, type Tone } from "@/components/ui/badge";

const TONE: Record<string, Tone> = { candidate: "amber", stable: "green", retired: "gray" };
const HINT: Record<string, string> = {
  candidate: "new, not yet trusted fleet-wide",
  stable: "trusted for the whole fleet",
  retired: "kept for history; should not be deployed",
};

export function VersionStatusBadge({ status }: { status: string }) {
  return (
    <Badge tone={TONE[status] ?? "gray"} title={HINT[status]}>
      {status}
    </Badge>
  );
}
