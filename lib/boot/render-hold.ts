import { echoText } from "./ipxe-safe";

// The scripts for machines that do not boot an image (yet): the generic chain that DHCP
// hands to iPXE, the hold script (unknown MAC, maintenance, nothing to boot), and the
// error script. All of them end by asking the console again or rebooting, never by
// returning to the firmware, which would leave the machine at a boot prompt.

/** The query iPXE fills in itself; exactly the contract in DESIGN.md. */
export const CHAIN_QUERY = "mac=${net0/mac}&uuid=${uuid}&serial=${serial}&arch=${buildarch}&platform=${platform}";

function chainUrl(consoleUrl: string): string {
  return `${consoleUrl}/api/boot/ipxe?${CHAIN_QUERY}`;
}

/**
 * `GET /api/boot/ipxe` without a MAC. If the console cannot be reached, iPXE retries a
 * bounded number of times with growing waits, then reboots (this build has no poweroff).
 */
export function renderChainScript(consoleUrl: string): string {
  const tries = [5, 10, 20, 40, 60];
  const out = ["#!ipxe"];
  tries.forEach((wait, i) => {
    // A chained script that returns instead of booting or chaining on is a bug: reboot.
    out.push(`chain ${chainUrl(consoleUrl)} || goto fb-wait-${i}`, "reboot", `:fb-wait-${i}`);
    out.push(`echo Fleetboot console at ${echoText(consoleUrl)} did not answer; retrying in ${wait} seconds`, `sleep ${wait}`);
  });
  out.push("echo Fleetboot: giving up for now; rebooting", "reboot", "");
  return out.join("\n");
}

/** What an unknown MAC's hold script says (the boot preview shows the same). */
export function unknownMacLines(mac: string): string[] {
  return [`MAC ${mac} is not registered.`, "It is listed in the console's unknown-MAC inbox; register it to boot."];
}

/** Waits, then asks again: the console's answer changes once the machine is registered or released. */
export function renderHoldScript(consoleUrl: string, lines: string[], waitSeconds: number): string {
  return [
    "#!ipxe",
    "# Fleetboot hold script: nothing to boot yet",
    ...lines.map((l) => `echo Fleetboot: ${echoText(l)}`),
    `echo Asking the console again in ${waitSeconds} seconds`,
    `sleep ${waitSeconds}`,
    // --replace: a machine may hold for hours, and nested chains would grow iPXE's stack.
    `chain --replace --autofree ${chainUrl(consoleUrl)} || goto fb-reboot`,
    ":fb-reboot",
    "echo Fleetboot console did not answer; rebooting in 30 seconds",
    "sleep 30",
    "reboot",
    "",
  ].join("\n");
}

/**
 * For requests the console refuses or cannot answer. iPXE does not run the body of a
 * non-2xx answer, but a person reading the response (curl, logs) does, and when a 2xx is
 * used it still does the right thing: say why, wait, reboot.
 */
export function renderErrorScript(reason: string, waitSeconds = 30): string {
  return [
    "#!ipxe",
    `echo Fleetboot: ${echoText(reason)}`,
    `echo Rebooting in ${waitSeconds} seconds`,
    `sleep ${waitSeconds}`,
    "reboot",
    "",
  ].join("\n");
}

/** A hold's wait: long enough not to hammer the console, jittered so a rack does not return at once. */
export const HOLD_SECONDS = { min: 30, max: 59 } as const;

export function holdSeconds(random: () => number = Math.random): number {
  return HOLD_SECONDS.min + Math.floor(random() * (HOLD_SECONDS.max - HOLD_SECONDS.min + 1));
}

/** A hold's wait in a preview: the middle of what a served hold script waits. */
export const PREVIEW_HOLD_SECONDS = 45;
