import { Badge, type Tone } from "@/components/ui/badge";
import type { ImportStatus } from "@/lib/onboarding/schema";

const TONE: Record<ImportStatus, Tone> = { ok: "green", invalid: "red", duplicate: "amber", conflict: "violet" };

const HINT: Record<ImportStatus, string> = {
  ok: "ready to add",
  invalid: "something on this line cannot be used as it is",
  duplicate: "repeats a MAC, hostname or IP of another line",
  conflict: "clashes with a machine that is already registered",
};

export function ImportStatusBadge({ status }: { status: ImportStatus }) {
  return (
    <Badge tone={TONE[status]} title={HINT[status]}>
      <span aria-hidden>{status === "ok" ? "✓" : "!"}</span>
      {status}
    </Badge>
  );
}
