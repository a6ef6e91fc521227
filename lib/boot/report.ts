import { randomUUID } from "node:crypto";
import { z } from "zod";
import { db } from "@/lib/db";
import { AppError } from "@/lib/http/errors";
import { DEPLOY_QUEUE, sendInTransaction } from "@/lib/jobs/boss";
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

export interface Reported {
  machine: { id: string; hostname: string; state: string };
  deployment: { id: string; status: string };
}

// A report is believed for this long after its script was served.
const TOKEN_MAX_AGE_MS = 6 * 3_600_000;
// A write that finds the boot changed (a new script, a concurrent retry that won) reads again.
const ATTEMPTS = 3;

interface Current {
  id: string;
  hostname: string;
  state: string;
  bootId: string | null;
  bootTokenHash: string | null;
  bootTokenIssuedAt: Date | null;
  now: Date;
  /** The version this boot runs: the agent's image label if known, else what its script served. */
  versionId: string | null;
  deploymentId: string | null;
  deploymentStatus: string | null;
}

/** The machine behind a MAC, its boot, the booted version and this boot's report deployment, in one read. */
async function readCurrent(mac: string, image: string | undefined): Promise<Current | null> {
  const [name, version] = image ? image.split(":") : [null, null];
  const rows = await db.$queryRaw<Current[]>`
    SELECT m.id::text, m.hostname, m.state::text, m.boot_id AS "bootId", m.boot_token_hash AS "bootTokenHash",
           m.boot_token_issued_at AS "bootTokenIssuedAt", now() AS now,
           COALESCE(
             (SELECT v.id FROM image_versions v JOIN images i ON i.id = v.image_id WHERE i.name = ${name} AND v.version = ${version}),
             (SELECT (e.payload->>'versionId')::uuid FROM events e
               WHERE e.machine_id = m.id AND e.kind = 'boot.script_served' AND e.payload->>'bootId' = m.boot_id
               ORDER BY e.id DESC LIMIT 1)
           )::text AS "versionId",
           d.id::text AS "deploymentId", d.status::text AS "deploymentStatus"
    FROM interfaces i
    JOIN machines m ON m.id = i.machine_id
    LEFT JOIN deployments d ON d.machine_id = m.id AND d.boot_id = m.boot_id AND d.trigger = 'report'
    WHERE i.mac = ${mac}`;
  return rows[0] ?? null;
}

class BootChanged extends Error {}

/**
 * Moves the machine to `deploying` and queues this boot's deployment, its job and its
 * events (last, in the same statement as the change, so their ids are drawn just before
 * the commit), provided the machine still holds the boot that was read. The machine row is
 * locked first; the unique index on (machine, boot) lets exactly one of concurrent retries
 * insert. Null when the boot changed or another report won: nothing is written.
 */
async function writeReport(current: Current, input: ReportInput, sourceIp: string | null): Promise<Reported | null> {
  const deploymentId = randomUUID();
  const reported = JSON.stringify({ bootId: current.bootId, kernelBootId: input.bootId ?? null, ip: input.ip, image: input.image ?? null, sourceIp });
  const queued = JSON.stringify({ deploymentId, trigger: "report", actor: null });
  try {
    return await db.$transaction(async (tx) => {
      await sendInTransaction(tx, DEPLOY_QUEUE, { deploymentId });
      const rows = await tx.$queryRaw<{ hostname: string; state: string }[]>`
        WITH locked AS (
          SELECT id, boot_id, ipv4 FROM machines
          WHERE id = ${current.id}::uuid AND boot_id IS NOT DISTINCT FROM ${current.bootId} AND boot_token_hash = ${current.bootTokenHash}
          FOR UPDATE
        ), dep AS (
          INSERT INTO deployments (id, machine_id, trigger, image_version_id, boot_id)
          SELECT ${deploymentId}::uuid, id, 'report', ${current.versionId}::uuid, boot_id FROM locked
          ON CONFLICT (machine_id, boot_id) WHERE trigger = 'report' DO NOTHING
          RETURNING machine_id
        ), upd AS (
          UPDATE machines m SET
            state = 'deploying', state_changed_at = now(), last_seen_at = now(), updated_at = now(),
            booted_version_id = ${current.versionId}::uuid, booted_image_sha256 = ${input.sha256 ?? null},
            ipv4 = COALESCE(m.ipv4, CASE WHEN NOT EXISTS (SELECT 1 FROM machines o WHERE o.ipv4 = ${input.ip}::inet) THEN ${input.ip}::inet END)
          FROM dep JOIN locked ON locked.id = dep.machine_id
          WHERE m.id = dep.machine_id
          RETURNING m.id, m.hostname, m.state::text, locked.ipv4 IS NOT NULL AND locked.ipv4 <> ${input.ip}::inet AS ip_mismatch
        ), ev AS (
          INSERT INTO events (kind, machine_id, payload)
          SELECT e.kind, upd.id, e.payload FROM upd CROSS JOIN LATERAL (VALUES
            (1, 'boot.reported', ${reported}::jsonb || jsonb_build_object('ipMismatch', upd.ip_mismatch)),
            (2, 'deploy.queued', ${queued}::jsonb)
          ) AS e(n, kind, payload)
          ORDER BY e.n
        )
        SELECT hostname, state FROM upd`;
      // Rolls back the job sent above.
      if (!rows[0]) throw new BootChanged();
      return { machine: { id: current.id, hostname: rows[0].hostname, state: rows[0].state }, deployment: { id: deploymentId, status: "queued" } };
    }, { maxWait: 15_000, timeout: 15_000 });
  } catch (err) {
    if (err instanceof BootChanged) return null;
    throw err;
  }
}

async function reject(machineId: string | null, reason: string, input: Partial<ReportInput>, sourceIp: string | null) {
  await db.event.create({ data: { kind: "boot.report_rejected", machineId, payload: { reason, mac: input.mac ?? null, ip: input.ip ?? null, sourceIp } } });
}

export async function reportIn(input: ReportInput, sourceIp: string | null): Promise<Reported> {
  const mac = parseMac(input.mac);
  if (!mac.ok) throw new AppError("validation_failed", `mac: ${mac.reason}`, { fields: [{ path: "mac", message: mac.reason }] });
  for (let attempt = 1; ; attempt++) {
    const current = await readCurrent(mac.mac, input.image);
    if (!current) {
      await reject(null, "unknown_mac", input, sourceIp);
      throw new AppError("not_found", `no machine has MAC ${mac.mac}`);
    }
    const answer = (deployment: Reported["deployment"]): Reported => ({ machine: { id: current.id, hostname: current.hostname, state: current.state }, deployment });
    // A retry of a report that already went through is answered as the first one was.
    if (current.deploymentId && verifyBootToken(current, input.token).ok) return answer({ id: current.deploymentId, status: current.deploymentStatus! });
    const check = verifyBootToken(current, input.token, { maxAgeMs: TOKEN_MAX_AGE_MS, now: current.now });
    if (!check.ok) {
      await reject(current.id, check.reason, input, sourceIp);
      const status = check.reason === "malformed" ? "unauthorized" : "forbidden";
      throw new AppError(status, `the boot token was refused (${check.reason.replace("_", " ")}): report with the token of this machine's current boot`);
    }
    const written = await writeReport(current, input, sourceIp);
    if (written) return written;
    if (attempt === ATTEMPTS) throw new AppError("unavailable", "the machine's boot changed while it reported; report again");
  }
}
