import type { CreateRolloutInput } from "./schema";

/**
 * A name for a rollout sent without one, from what it reboots and onto what:
 * "storage onto debian-storage:2026.11.0", "rack r04 of storage (reboot)", "12 machines (reboot)".
 */
export function defaultRolloutName(input: Pick<CreateRolloutInput, "selector" | "imageVersion">, role: string | null, machines: number): string {
  const { selector } = input;
  const parts = [selector.rack ? `rack ${selector.rack}` : null, selector.tag ? `tag ${selector.tag}` : null].filter(Boolean);
  const what = selector.machines?.length
    ? `${machines} machine${machines === 1 ? "" : "s"}${role ? ` of ${role}` : ""}`
    : [...parts, role].filter(Boolean).join(" of ") || `${machines} machines`;
  return `${what} ${input.imageVersion ? `onto ${input.imageVersion}` : "(reboot)"}`.slice(0, 100);
}
