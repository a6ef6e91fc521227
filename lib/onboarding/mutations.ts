import { db } from "@/lib/db";
import { AppError, databaseConflict } from "@/lib/http/errors";
import { lockPoolAllocation } from "@/lib/machines/allocate";
import { insertMachines } from "./insert";
import type { ImportRequest, ImportResult } from "./schema";
import { checkPasteSize, validatePaste } from "./validate";

// Imports take one transaction-scoped advisory lock around validate + insert, so two
// pastes that share a MAC (or a generated hostname or pool address) cannot both pass:
// the second one waits, then sees the first one's machines and reports its rows as
// conflicts. A machine created by hand takes the same lock when it picks a pool address.
// The unique indexes still guard against other writers (a machine added by hand with its
// own address in between); such a violation means "validate again", not a 500.

// 10,000 machines are written in well under the limit; the default 5 s is too tight
// for a slow disk at the 20,000-line limit.
const TX_OPTIONS = { timeout: 60_000, maxWait: 30_000 };

export async function importMachines(input: ImportRequest, actor: string): Promise<ImportResult> {
  checkPasteSize(input.text);
  if (input.dryRun) return (await validatePaste(db, input.text, input.defaults)).result;
  try {
    return await commitImport(input, actor);
  } catch (err) {
    if (databaseConflict(err) === null) throw err;
    try {
      return await commitImport(input, actor);
    } catch (again) {
      if (databaseConflict(again) === null) throw again;
      throw new AppError("conflict", "machines were registered at the same time as this import; nothing was written, send it again");
    }
  }
}

async function commitImport(input: ImportRequest, actor: string): Promise<ImportResult> {
  return db.$transaction(async (tx) => {
    await lockPoolAllocation(tx);
    const { result, world } = await validatePaste(tx, input.text, input.defaults);
    if (result.rows.length === 0) {
      throw new AppError("validation_failed", "nothing to import: paste one MAC address per line", { fields: [{ path: "text", message: "no machine lines in the text" }] });
    }
    if (result.summary.attention > 0) return result;
    const created = await insertMachines(tx, result.rows, world, actor, input.defaults);
    return { ...result, created };
  }, TX_OPTIONS);
}
