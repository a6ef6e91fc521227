import { Badge, type Tone } from "@/components/ui/badge";

// Kinds are open-ended ("machine.ready", "deployment.failed", …), so the colour comes
// from the outcome word in them; the kind itself is always printed too.
const TONE_WORDS: [RegExp, Tone][] = [
  [/fail|error|timeout|timed[_-]?out|lost|denied|rejected/, "red"],
  [/paus|cancel|skip|unknown|maintenance|held|hold|warn|drift|retry/, "amber"],
  [/ready|succeed|success|healthy|complete|done|resum|converged|adopted/, "green"],
  [/reboot|power|rollout/, "violet"],
  [/boot|deploy|start|queue|running|report|ipxe|wait/, "blue"],
];

export function kindTone(kind: string): Tone {
  const k = kind.toLowerCase();
  return TONE_WORDS.find(([re]) => re.test(k))?.[1] ?? "gray";
}

export function KindBadge({ kind }: { kind: string }) {
  return (
    <Badge tone={kindTone(kind)}>
      <span className="font-mono">{kind}</span>
    </Badge>
  );
}
