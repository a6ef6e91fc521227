import { echoText, isIpxeUrl, kernelWordProblem, MAX_KERNEL_CMDLINE } from "./ipxe-safe";
import type { BootPlanBoot, MirrorSource } from "./plan";

export interface ScriptContext {
  consoleUrl: string;
  token: string;
  bootId: string;
  /** [0, 1); Math.random when serving, a constant for previews and tests. */
  random: () => number;
}

/** Rounds over the mirror list; each round tries every mirror once. */
export const ROUNDS = 3;

const jitter = (random: () => number, min: number, max: number) => min + Math.floor(random() * (max - min + 1));

/** Every kernel word but fetch= (which names the mirror that served the kernel). */
export function kernelArguments(plan: BootPlanBoot, ctx: ScriptContext, panicSeconds: number): string {
  // panic=N: live-boot fetches the squashfs once with no retry, and a failed fetch panics;
  // the reboot lands in iPXE again, which is the retry.
  return [...plan.args, `panic=${panicSeconds}`, `fleetboot.url=${ctx.consoleUrl}`, `fleetboot.boot=${ctx.bootId}`, `fleetboot.token=${ctx.token}`].join(" ");
}

function beaconUrl(plan: BootPlanBoot, ctx: ScriptContext, stage: string): string {
  return `${ctx.consoleUrl}/api/boot/beacon?mac=${plan.target.mac}&boot=${ctx.bootId}&stage=${stage}`;
}

function attempt(plan: BootPlanBoot, ctx: ScriptContext, source: MirrorSource, index: number, next: string): string[] {
  return [
    `:fb-mirror-${index}`,
    `echo Fleetboot: round \${fb-round}, mirror ${index + 1}/${plan.sources.length} (${echoText(source.mirror.name)})`,
    // A leftover image from a failed attempt would be passed to the kernel as an extra initrd.
    "imgfree",
    `kernel ${source.kernelUrl} \${fb-args} fetch=${source.squashfsUrl} || goto ${next}`,
    `initrd --name initrd.img ${source.initrdUrl} || goto ${next}`,
    // The beacon is fetched as an image: free it at once or the kernel gets it as an initrd.
    `imgfetch --name fb-beacon ${beaconUrl(plan, ctx, "kernel")}&mirror=${index} && imgfree fb-beacon ||`,
    `boot || goto ${next}`,
  ];
}

/**
 * The script for a machine that boots: ROUNDS rounds over its mirrors in order, a short
 * jittered pause between mirrors and a growing, jittered wait between rounds (so a rack
 * that failed together does not retry together), then a final message and a reboot.
 * The shared kernel arguments live in one iPXE setting, ${fb-args}; every value in it was
 * checked by planBoot, and iPXE expands a setting's value only once.
 */
export function renderBootScript(plan: BootPlanBoot, ctx: ScriptContext): string {
  assertSafeContext(ctx);
  const { target, sources } = plan;
  const label = `${target.version.image}:${target.version.version}`;
  const args = kernelArguments(plan, ctx, jitter(ctx.random, 15, 44));
  const longest = Math.max(...sources.map((s) => s.squashfsUrl.length));
  if (args.length + " fetch=".length + longest > MAX_KERNEL_CMDLINE) {
    throw new Error(`the kernel command line would be ${args.length + 7 + longest} bytes; Linux keeps ${MAX_KERNEL_CMDLINE}`);
  }
  const out = [
    "#!ipxe",
    `# Fleetboot boot script for ${target.hostname} (${target.mac}), boot ${ctx.bootId}`,
    `# role ${target.role.name} -> ${label}; mirror order: ${sources.map((s) => s.mirror.name).join(", ")}`,
    `echo Fleetboot: ${echoText(target.hostname)} boots ${echoText(label)} (role ${echoText(target.role.name)})`,
    `set fb-args ${args}`,
    "set fb-round:int32 1",
    `set fb-wait:int32 ${jitter(ctx.random, 3, 8)}`,
    ":fb-round",
  ];
  sources.forEach((source, i) => {
    if (i > 0) out.push(`sleep ${jitter(ctx.random, 1, 3)}`);
    out.push(...attempt(plan, ctx, source, i, i + 1 < sources.length ? `fb-mirror-${i + 1}` : "fb-next-round"));
  });
  const delay = jitter(ctx.random, 30, 59);
  out.push(
    ":fb-next-round",
    `iseq \${fb-round} ${ROUNDS} && goto fb-failed ||`,
    "echo Fleetboot: no mirror worked; next round in ${fb-wait} seconds",
    "sleep ${fb-wait}",
    "inc fb-round",
    `inc fb-wait ${jitter(ctx.random, 5, 12)}`,
    "goto fb-round",
    ":fb-failed",
    `echo Fleetboot: could not download ${echoText(label)} from any of ${sources.length} mirror(s) in ${ROUNDS} rounds`,
    `echo Rebooting in ${delay} seconds`,
    "imgfree",
    `imgfetch --name fb-beacon ${beaconUrl(plan, ctx, "failed")} && imgfree fb-beacon ||`,
    `sleep ${delay}`,
    "reboot",
    "",
  );
  return out.join("\n");
}

function assertSafeContext(ctx: ScriptContext) {
  if (!isIpxeUrl(ctx.consoleUrl)) throw new Error("console URL is not one iPXE can fetch");
  if (!/^[A-Za-z0-9_-]{1,64}$/.test(ctx.token) || kernelWordProblem(ctx.token)) throw new Error("boot token has unexpected characters");
  if (!/^[0-9a-f-]{36}$/.test(ctx.bootId)) throw new Error("boot id is not a UUID");
}
