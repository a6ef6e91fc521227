import { z } from "zod";
import { db } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import { queueDeployment } from "@/lib/deploy/mutations";
import { AppError } from "@/lib/http/errors";
import { parseMac } from "@/lib/mac/parse";
import { ipv4 } from "@/lib/machines/schema";
import { verifyBootToken } from "./token";

// Report-in: the agent in a freshly booted image says "I am here, deploy me". Its token
// must be the one written into this machine's current boot script.

export const reportSchema = z.object({
  mac: z.string().max(64),
  ip: ipv4,
  token: z.string().max(128),
  image: z.string().trim().max(200).regex(/^[A-Za-z0-9._+-]+:[A-Za-z0-9._+-]+$/, "image is <image>:<version>").optional(),
  hostname: z.string().trim().max(253).optional(),
  bootId: z.string().regex(/^[0-9a-f-]{36}$/i, "bootId is the kernel's boot_id").optional(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/, "sha256 is 64 hex digits").optional(),
});

export type ReportInput = z.output<typeof reportSchema>;

// A report is believed for this long after its script was served.
const TOKEN_MAX_AGE_MS = 6 * 3_600_000;

async function reject(machineId: string | null, reason: string, input: Partial<ReportInput>, sourceIp: string | null) {
  await db.event.create({ data: { kind: "boot.report_rejected", machineId, payload: { reason, mac: input.mac ?? null, ip: input.ip ?? null, sourceIp } } });
}

async function bootedVersionId(tx: Prisma.TransactionClient, machineId: string, bootId: string | null, image: string | undefined): Promise<string | null> {
  if (image) {
    const [name, version] = image.split(":");
    const v = await tx.imageVersion.findFirst({ where: { version, image: { name } }, select: { id: true } });
    if (v) return v.id;
  }
  // Otherwise what this boot's script told it to fetch.
  if (!bootId) return null;
  const served = await tx.event.findFirst({
    where: { machineId, kind: "boot.script_served", payload: { path: ["bootId"], equals: bootId } },
    orderBy: { id: "desc" },
    select: { payload: true },
  });
  return ((served?.payload as { versionId?: string } | null)?.versionId as string) ?? null;
}

export async function reportIn(input: ReportInput, sourceIp: string | null) {
  const mac = parseMac(input.mac);
  if (!mac.ok) throw new AppError("validation_failed", `mac: ${mac.reason}`, { fields: [{ path: "mac", message: mac.reason }] });
  const iface = await db.interface.findUnique({ where: { mac: mac.mac }, select: { machineId: true } });
  if (!iface) {
    await reject(null, "unknown_mac", input, sourceIp);
    throw new AppError("not_found", `no machine has MAC ${mac.mac}`);
  }
  const machineId = iface.machineId;

  // Retries of a report that already went through are answered without a lock.
  const current = await db.machine.findUniqueOrThrow({ where: { id: machineId } });
  if (verifyBootToken(current, input.token).ok && current.bootId) {
    const done = await db.deployment.findFirst({ where: { machineId, bootId: current.bootId, trigger: "report" }, select: { id: true, status: true } });
    if (done) return { machine: { id: current.id, hostname: current.hostname, state: current.state }, deployment: done };
  }

  const result = await db.$transaction(async (tx) => {
    // Serialises retries of one boot's report: the second finds the first's deployment.
    await tx.$queryRaw`SELECT id FROM machines WHERE id = ${machineId}::uuid FOR UPDATE`;
    const m = await tx.machine.findUniqueOrThrow({ where: { id: machineId } });
    const [{ now }] = await tx.$queryRaw<{ now: Date }[]>`SELECT now() AS now`;
    const check = verifyBootToken(m, input.token, { maxAgeMs: TOKEN_MAX_AGE_MS, now });
    if (!check.ok) return { rejected: check.reason, machine: m };
    const existing = await tx.deployment.findFirst({ where: { machineId, bootId: m.bootId, trigger: "report" }, select: { id: true, status: true } });
    if (existing) return { machine: m, deployment: existing, repeated: true };

    const versionId = await bootedVersionId(tx, machineId, m.bootId, input.image);
    const ipChange = !m.ipv4 && !(await tx.machine.findFirst({ where: { ipv4: input.ip }, select: { id: true } })) ? { ipv4: input.ip } : {};
    const machine = await tx.machine.update({
      where: { id: machineId },
      data: { state: "deploying", stateChangedAt: now, lastSeenAt: now, bootedVersionId: versionId, bootedImageSha256: input.sha256 ?? null, ...ipChange },
    });
    const reported = {
      kind: "boot.reported",
      machineId,
      payload: { bootId: m.bootId, kernelBootId: input.bootId ?? null, ip: input.ip, image: input.image ?? null, sourceIp, ipMismatch: !!m.ipv4 && m.ipv4 !== input.ip },
    };
    const deployment = await queueDeployment(tx, { machineId, trigger: "report", imageVersionId: versionId, bootId: m.bootId }, [reported]);
    return { machine, deployment: { id: deployment.id, status: deployment.status }, repeated: false };
  }, { maxWait: 15_000, timeout: 15_000 });

  if ("rejected" in result && result.rejected) {
    await reject(machineId, result.rejected, input, sourceIp);
    const status = result.rejected === "malformed" ? "unauthorized" : "forbidden";
    throw new AppError(status, `the boot token was refused (${result.rejected.replace("_", " ")}): report with the token of this machine's current boot`);
  }
  const { machine, deployment } = result as { machine: { id: string; hostname: string; state: string }; deployment: { id: string; status: string } };
  return { machine: { id: machine.id, hostname: machine.hostname, state: machine.state }, deployment };
}
