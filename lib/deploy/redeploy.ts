import { recordAudit } from "@/lib/audit/mutations";
import { db } from "@/lib/db";
import { AppError } from "@/lib/http/errors";
import { isUuid } from "@/lib/http/ref";
import { queueDeployment } from "./mutations";

/** An operator's "deploy it again": the role's playbook against the running machine. */
export async function redeployMachine(ref: string, actor: string) {
  const machine = await db.machine.findFirst({
    where: isUuid(ref) ? { id: ref.toLowerCase() } : { hostname: ref.toLowerCase() },
    select: { id: true, hostname: true, ipv4: true, roleId: true, bootedVersionId: true, bootId: true },
  });
  if (!machine) throw new AppError("not_found", `no machine "${ref}"`);
  if (!machine.roleId) throw new AppError("unprocessable", `${machine.hostname} has no role, so there is no playbook to run`);
  if (!machine.ipv4) throw new AppError("unprocessable", `${machine.hostname} has no IPv4 address to deploy to`);
  return db.$transaction(async (tx) => {
    const running = await tx.deployment.findFirst({ where: { machineId: machine.id, status: { in: ["queued", "running"] } }, select: { id: true } });
    if (running) throw new AppError("conflict", `a deployment of ${machine.hostname} is already queued or running`, { deploymentId: running.id });
    await tx.machine.update({ where: { id: machine.id }, data: { state: "deploying", stateChangedAt: new Date() } });
    const deployment = await queueDeployment(tx, { machineId: machine.id, trigger: "manual", imageVersionId: machine.bootedVersionId, bootId: machine.bootId, actor });
    await recordAudit(tx, { actor, action: "machine.redeploy", targetType: "machine", targetId: machine.id, changes: { deploymentId: deployment.id } });
    return deployment;
  });
}
