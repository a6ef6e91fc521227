import path from "node:path";
import { db } from "@/lib/db";
import { runtimeSettings } from "@/lib/settings";
import { buildDeployArgv, DEFAULT_PLAYBOOK } from "./command";
import { claimDeployment, finishDeployment, saveOutput } from "./mutations";
import { BoundedOutput } from "./output";
import { parseRecap } from "./recap";
import { runCommand } from "./run";

const FLUSH_MS = 500;

/** Runs one deployment: the role's deploy command against the machine, output kept as it comes. */
export async function runDeployment(deploymentId: string): Promise<void> {
  const settings = runtimeSettings();
  const d = await db.deployment.findUnique({
    where: { id: deploymentId },
    include: {
      machine: { include: { role: true } },
      imageVersion: { include: { image: true } },
    },
  });
  if (!d) return;
  const { machine } = d;
  const role = machine.role;
  const image = d.imageVersion ? `${d.imageVersion.image.name}:${d.imageVersion.version}` : "";
  const argv = buildDeployArgv(role?.deployCommand ?? [], {
    ip: machine.ipv4 ?? "",
    hostname: machine.hostname,
    role: role?.name ?? "",
    image,
    playbook: role?.playbook || DEFAULT_PLAYBOOK,
  });
  const claim = await claimDeployment(deploymentId, argv);
  if (!claim) return;
  if (!machine.ipv4) {
    await finishDeployment(deploymentId, claim, { succeeded: false, exitCode: null, recap: null, output: "", reason: "the machine has no IPv4 address to deploy to" });
    return;
  }

  const output = new BoundedOutput();
  let dirty = false;
  const flusher = setInterval(() => {
    if (!dirty) return;
    dirty = false;
    void saveOutput(deploymentId, claim, output.toString()).catch(() => undefined);
  }, FLUSH_MS);
  const result = await runCommand(argv, {
    cwd: path.resolve(/* turbopackIgnore: true */ settings.FLEETBOOT_DEPLOY_DIR ?? process.cwd()),
    timeoutMs: settings.FLEETBOOT_DEPLOY_TIMEOUT_SECONDS * 1000,
    onOutput: (text) => {
      output.append(text);
      dirty = true;
    },
  });
  clearInterval(flusher);

  const text = output.toString();
  const reason = result.error
    ? `could not start ${argv[0]}: ${result.error}`
    : result.timedOut
      ? `timed out after ${settings.FLEETBOOT_DEPLOY_TIMEOUT_SECONDS} s`
      : result.exitCode !== 0
        ? `exit code ${result.exitCode ?? result.signal}`
        : undefined;
  await finishDeployment(deploymentId, claim, {
    succeeded: !reason,
    exitCode: result.exitCode,
    recap: parseRecap(text),
    output: reason ? `${text}\n[fleetboot] ${reason}\n` : text,
    reason,
  });
}
