import type { BootMirror } from "./plan";
import { listEnabledMirrors } from "./queries";

// The enabled mirrors, re-read at most every MAX_AGE_MS per console process: in a boot
// storm they would otherwise cost a query per batch for a list that changes a few times a
// year. A mirror disabled a moment ago may still be offered for up to that long, which a
// script survives (it falls over to the next mirror). Image versions are never cached.
const MAX_AGE_MS = 2_000;

let cached: { at: number; mirrors: Promise<BootMirror[]> } | null = null;

export function enabledMirrors(now = Date.now()): Promise<BootMirror[]> {
  if (cached && now - cached.at < MAX_AGE_MS) return cached.mirrors;
  const mirrors = listEnabledMirrors();
  const entry = { at: now, mirrors };
  cached = entry;
  // A failed read is not kept: the next request asks the database again.
  mirrors.catch(() => {
    if (cached === entry) cached = null;
  });
  return mirrors;
}

/** For tests that change mirrors and must see it at once. */
export function forgetCachedMirrors(): void {
  cached = null;
}
