import { DRIFT_CSV_HEADER, driftCsvLine } from "./csv";
import { listDriftBatch } from "./drift-queries";
import type { DriftFilter } from "./schema";

const BATCH = 2000;

/**
 * A drift list as CSV, in hostname order, read in keyset batches as the client takes them
 * (pull-based): memory stays at one batch however many machines drift.
 */
export function streamDriftCsv(f: DriftFilter, batch = BATCH): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let after: string | null = null;
  return new ReadableStream({
    async pull(controller) {
      if (after === null) {
        after = "";
        controller.enqueue(encoder.encode(DRIFT_CSV_HEADER));
        return;
      }
      const rows = await listDriftBatch(f, after, batch);
      if (rows.length) controller.enqueue(encoder.encode(rows.map(driftCsvLine).join("")));
      if (rows.length < batch) controller.close();
      else after = rows[rows.length - 1].hostname;
    },
  });
}

/** A file name that says what the list is, safe in a Content-Disposition header. */
export function driftCsvName(f: DriftFilter): string {
  const parts = ["fleet-drift", f.kind === "stale" ? `stale-${f.days}d` : f.kind];
  if (f.role) parts.push(`role-${f.role === "-" ? "none" : f.role}`);
  if (f.rack) parts.push(`rack-${f.rack === "-" ? "none" : f.rack}`);
  return `${parts.join("_").replace(/[^A-Za-z0-9._-]/g, "_")}.csv`;
}
