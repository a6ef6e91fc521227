import { db } from "@/lib/db";
import { AppError } from "@/lib/http/errors";

export async function getDeploymentOrThrow(id: string) {
  const d = await db.deployment.findUnique({
    where: { id },
    include: { machine: { select: { hostname: true } }, imageVersion: { select: { version: true, image: { select: { name: true } } } } },
  });
  if (!d) throw new AppError("not_found", `no deployment "${id}"`);
  return {
    id: d.id,
    machine: d.machine.hostname,
    image: d.imageVersion ? `${d.imageVersion.image.name}:${d.imageVersion.version}` : null,
    trigger: d.trigger,
    status: d.status,
    command: d.command,
    exitCode: d.exitCode,
    recap: d.recap,
    output: d.output,
    queuedAt: d.queuedAt,
    startedAt: d.startedAt,
    finishedAt: d.finishedAt,
  };
}

export type DeploymentDto = Awaited<ReturnType<typeof getDeploymentOrThrow>>;
