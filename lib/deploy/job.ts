import path from "node:path";
import { pgPool } from "@/lib/db/pool";
import { runtimeSettings } from "@/lib/settings";
import { buildDeployArgv, DEFAULT_PLAYBOOK } from "./command";
import { claimDeployment, finishDeployment, saveOutput } from "./mutations";
import { BoundedOutput } from "./output";
import { parseRecap } from "./recap";
import { runCommand } from "./run";

const FLUSH_MS = 500;

interface Target {
  ipv4: string | null;
  hostname: string;
  role: string | null;
  deployCommand: string[] | null;
  playbook: string | null;
  image: string | null;
}

const TARGET = {
  name: "fleetboot_deploy_target",
  text: `
    SELECT host(m.ipv4) AS ipv4, m.hostname, r.name AS role, r.deploy_command AS "deployCommand", r.playbook,
           i.name || ':' || v.version AS image
    FROM deployments d
    JOIN machines m ON m.id = d.machine_id
    LEFT JOIN roles r ON r.id = m.role_id
    LEFT JOIN image_versions v ON v.id = d.image_version_id
    LEFT JOIN images i ON i.id = v.image_id
    WHERE d.id = $1::uuid`,
};

/** What a deployment runs against, in one read (a prepared statement on the plain pool). */
async function deploymentTarget(deploymentId: string): Promise<Target | null> {
  const { rows } = await pgPool().query<Target>({ ...TARGET, values: [deploymentId] });
  return rows[0] ?? null;
}

/** Runs one deployment: the role's deploy command against the machine, output kept as it comes. */
export async function runDeployment(deploymentId: string): Promise<void> {
  const settings = runtimeSettings();
  const machine = await deploymentTarget(deploymentId);
  if (!machine) return;
  const argv = buildDeployArgv(machine.deployCommand ?? [], {
    ip: machine.ipv4 ?? "",
    hostname: machine.hostname,
    role: machine.role ?? "",
    image: machine.image ?? "",
    playbook: machine.playbook || DEFAULT_PLAYBOOK,
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
