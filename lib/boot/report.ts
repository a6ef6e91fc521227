import { randomUUID } from "node:crypto";
import { z } from "zod";
import { db } from "@/lib/db";
import { inPgTransaction, pgPool } from "@/lib/db/pool";
import { AppError } from "@/lib/http/errors";
import { DEPLOY_QUEUE, insertInTransaction } from "@/lib/jobs/boss";
import { deployQueued } from "@/lib/jobs/wake";
import { parseMac } from "@/lib/mac/parse";
import { ipv4 } from "@/lib/machines/schema";
import { createBatcher } from "@/lib/batch";
import { text } from "@/lib/validation/fields";
import { verifyBootToken } from "./token";

// Report-in: the agent in a freshly booted image says "I am here, deploy me". Its token
// must be the one written into this machine's current boot script.

export const reportSchema = z.object({
  mac: z.string().max(64),
  ip: ipv4,
  token: z.string().max(128),
  image: z.string().trim().max(200).regex(/^[A-Za-z0-9._+-]+:[A-Za-z0-9._+-]+$/, "image is <image>:<version>").optional(),
  hostname: text(253).optional(),
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
  /** The machine's own address, if it has one. */
  ipv4: string | null;
  /** The version this boot runs: the agent's image label if known, else what its script served. */
  versionId: string | null;
  deploymentId: string | null;
  deploymentStatus: string | null;
}

// Report-in arrives in storms (a batch of a rollout, a rack powered on): like boot scripts
// (lib/boot/answer.ts), the reports that arrive together are read with one statement and
// written with one transaction. Both statements are named prepared statements on the plain
// pool (lib/db/pool.ts).

/** For each report (by position): its machine, boot, booted version and this boot's report deployment. */
const READ_CURRENT = {
  name: "fleetboot_report_current",
  text: `
    SELECT input.n::int AS n, m.id::text, m.hostname, m.state::text, m.boot_id AS "bootId", m.boot_token_hash AS "bootTokenHash",
           m.boot_token_issued_at AS "bootTokenIssuedAt", now() AS now, host(m.ipv4) AS ipv4,
           COALESCE(
             (SELECT v.id FROM image_versions v JOIN images im ON im.id = v.image_id WHERE im.name = input.image AND v.version = input.version),
             (SELECT (e.payload->>'versionId')::uuid FROM events e
               WHERE e.machine_id = m.id AND e.kind = 'boot.script_served' AND e.payload->>'bootId' = m.boot_id
               ORDER BY e.id DESC LIMIT 1)
           )::text AS "versionId",
           d.id::text AS "deploymentId", d.status::text AS "deploymentStatus"
    FROM unnest($1::text[], $2::text[], $3::text[]) WITH ORDINALITY AS input(mac, image, version, n)
    JOIN interfaces i ON i.mac = input.mac
    JOIN machines m ON m.id = i.machine_id
    LEFT JOIN deployments d ON d.machine_id = m.id AND d.boot_id = m.boot_id AND d.trigger = 'report'`,
};

/**
 * Moves each machine to `deploying` and queues its boot's deployment and events (last, in
 * the same statement as the change, so their ids are drawn just before the commit),
 * provided the machine still holds the boot that was read. Machine rows are locked in id
 * order, so concurrent batches cannot deadlock; the unique index on (machine, boot) lets
 * exactly one of concurrent retries insert. Returns the reports that went through.
 */
const WRITE_REPORTS = {
  name: "fleetboot_report_write",
  text: `
    WITH input AS (
      SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[], $4::uuid[], $5::uuid[], $6::text[], $7::inet[], $8::jsonb[], $9::jsonb[])
        AS t(machine_id, boot_id, token_hash, deployment_id, version_id, sha256, ip, reported, queued)
    ), locked AS (
      SELECT m.id, m.ipv4 AS old_ipv4, input.* FROM machines m JOIN input ON input.machine_id = m.id
      WHERE m.boot_id IS NOT DISTINCT FROM input.boot_id AND m.boot_token_hash = input.token_hash
      ORDER BY m.id FOR UPDATE OF m
    ), dep AS (
      INSERT INTO deployments (id, machine_id, trigger, image_version_id, boot_id)
      SELECT deployment_id, id, 'report', version_id, boot_id FROM locked ORDER BY id
      ON CONFLICT (machine_id, boot_id) WHERE trigger = 'report' DO NOTHING
      RETURNING id, machine_id
    ), upd AS (
      UPDATE machines m SET
        state = 'deploying', state_changed_at = now(), last_seen_at = now(), updated_at = now(),
        booted_version_id = locked.version_id, booted_image_sha256 = locked.sha256,
        ipv4 = COALESCE(m.ipv4, CASE WHEN NOT EXISTS (SELECT 1 FROM machines o WHERE o.ipv4 = locked.ip) THEN locked.ip END)
      FROM dep JOIN locked ON locked.id = dep.machine_id
      WHERE m.id = dep.machine_id
      RETURNING m.id, m.hostname, m.state::text AS state, dep.id AS deployment_id, locked.reported, locked.queued,
                locked.old_ipv4 IS NOT NULL AND locked.old_ipv4 <> locked.ip AS ip_mismatch
    ), ev AS (
      INSERT INTO events (kind, machine_id, payload)
      SELECT e.kind, upd.id, e.payload FROM upd CROSS JOIN LATERAL (VALUES
        (1, 'boot.reported', upd.reported || jsonb_build_object('ipMismatch', upd.ip_mismatch)),
        (2, 'deploy.queued', upd.queued)
      ) AS e(n, kind, payload)
      ORDER BY upd.id, e.n
    )
    SELECT id::text, hostname, state, deployment_id::text AS "deploymentId" FROM upd`,
};

interface Pending {
  mac: string;
  input: ReportInput;
  sourceIp: string | null;
}

type Outcome = { done: Reported } | { failed: unknown } | { again: true };

interface ToWrite {
  index: number;
  current: Current;
  deploymentId: string;
}

async function reject(machineId: string | null, reason: string, input: Partial<ReportInput>, sourceIp: string | null) {
  await db.event.create({ data: { kind: "boot.report_rejected", machineId, payload: { reason, mac: input.mac ?? null, ip: input.ip ?? null, sourceIp } } });
}

async function writeReports(items: Pending[], writes: ToWrite[]): Promise<Map<string, Reported>> {
  const col = <T>(f: (w: ToWrite, p: Pending) => T) => writes.map((w) => f(w, items[w.index]));
  const values = [
    col((w) => w.current.id),
    col((w) => w.current.bootId),
    col((w) => w.current.bootTokenHash),
    col((w) => w.deploymentId),
    col((w) => w.current.versionId),
    col((_, p) => p.input.sha256 ?? null),
    col((_, p) => p.input.ip),
    col((w, p) => JSON.stringify({ bootId: w.current.bootId, kernelBootId: p.input.bootId ?? null, ip: p.input.ip, image: p.input.image ?? null, sourceIp: p.sourceIp })),
    col((w) => JSON.stringify({ deploymentId: w.deploymentId, trigger: "report", actor: null })),
  ];
  const rows = await inPgTransaction(async (client) => {
    const written = await client.query<{ id: string; hostname: string; state: string; deploymentId: string }>({ ...WRITE_REPORTS, values });
    // Jobs only for the deployments that were written: one that lost its boot gets none.
    await insertInTransaction(client, DEPLOY_QUEUE, written.rows.map((r) => ({ deploymentId: r.deploymentId })));
    return written.rows;
  });
  if (rows.length) deployQueued();
  return new Map(rows.map((r) => [r.id, { machine: { id: r.id, hostname: r.hostname, state: r.state }, deployment: { id: r.deploymentId, status: "queued" } }]));
}

async function reportBatch(items: Pending[]): Promise<Outcome[]> {
  const { rows } = await pgPool().query<Current & { n: number }>({
    ...READ_CURRENT,
    values: [items.map((p) => p.mac), items.map((p) => p.input.image?.split(":")[0] ?? null), items.map((p) => p.input.image?.split(":")[1] ?? null)],
  });
  const currents = new Map(rows.map((r) => [r.n - 1, r]));
  const outcomes: Outcome[] = items.map(() => ({ again: true }));
  const rejections: Promise<void>[] = [];
  const writes: ToWrite[] = [];
  const machines = new Set<string>();
  const claimedIps = new Set<string>();
  items.forEach((p, index) => {
    const current = currents.get(index);
    if (!current) {
      rejections.push(reject(null, "unknown_mac", p.input, p.sourceIp));
      outcomes[index] = { failed: new AppError("not_found", `no machine has MAC ${p.mac}`) };
      return;
    }
    const answer = (deployment: Reported["deployment"]): Reported => ({ machine: { id: current.id, hostname: current.hostname, state: current.state }, deployment });
    // A retry of a report that already went through is answered as the first one was.
    if (current.deploymentId && verifyBootToken(current, p.input.token).ok) {
      outcomes[index] = { done: answer({ id: current.deploymentId, status: current.deploymentStatus! }) };
      return;
    }
    const check = verifyBootToken(current, p.input.token, { maxAgeMs: TOKEN_MAX_AGE_MS, now: current.now });
    if (!check.ok) {
      rejections.push(reject(current.id, check.reason, p.input, p.sourceIp));
      const status = check.reason === "malformed" ? "unauthorized" : "forbidden";
      outcomes[index] = { failed: new AppError(status, `the boot token was refused (${check.reason.replace("_", " ")}): report with the token of this machine's current boot`) };
      return;
    }
    // One write per machine in a batch (its other reports are retries: the next round
    // answers them from the deployment this one makes), and a machine without an address
    // takes a reported address only if no other machine of the batch takes it too.
    if (machines.has(current.id) || (!current.ipv4 && claimedIps.has(p.input.ip))) return;
    machines.add(current.id);
    if (!current.ipv4) claimedIps.add(p.input.ip);
    writes.push({ index, current, deploymentId: randomUUID() });
  });
  const [written] = await Promise.all([writes.length ? writeReports(items, writes) : new Map<string, Reported>(), Promise.all(rejections)]);
  for (const w of writes) {
    const done = written.get(w.current.id);
    // Not written: the boot changed since it was read, or a concurrent retry won; read again.
    if (done) outcomes[w.index] = { done };
  }
  return outcomes;
}

const reportInBatch = createBatcher(reportBatch, { maxBatch: 50 });

export async function reportIn(input: ReportInput, sourceIp: string | null): Promise<Reported> {
  const mac = parseMac(input.mac);
  if (!mac.ok) throw new AppError("validation_failed", `mac: ${mac.reason}`, { fields: [{ path: "mac", message: mac.reason }] });
  for (let attempt = 1; attempt <= ATTEMPTS; attempt++) {
    const outcome = await reportInBatch({ mac: mac.mac, input, sourceIp });
    if ("done" in outcome) return outcome.done;
    if ("failed" in outcome) throw outcome.failed;
  }
  throw new AppError("unavailable", "the machine's boot changed while it reported; report again");
}
