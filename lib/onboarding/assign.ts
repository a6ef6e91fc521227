import { freeAddresses, type SubnetRange } from "@/lib/machines/allocate";
import type { Draft } from "./check";
import { counterName, renderTemplate, type Rendered } from "./template";

// Fills in what rows did not say: a hostname from the template and an address from the
// subnet's pool, in line order, skipping what is registered and what the paste names.

export interface NamedSubnet extends SubnetRange {
  id: string;
  name: string;
}

/** Where a taken hostname is: a registered machine (0) or the line that names it. */
export type TakenNames = Map<string, number>;

const MAX_HOSTNAME = 63;

/**
 * Names the rows that have no hostname. Returns why the template named none of them when
 * it was usable as written but gave no hostname for any row that needed one (e.g. "Node_{nn}"),
 * so that the paste's defaults can say so once rather than only on every line; else null.
 */
export function assignHostnames(rows: Draft[], template: string, templateProblem: string | null, taken: TakenNames): string | null {
  const next = new Map<string, number>();
  let asked = 0;
  let failed: string | null = null;
  let named = 0;
  for (const row of rows) {
    if (row.hostname) continue;
    asked++;
    if (templateProblem) {
      row.problems.push({ kind: "invalid", text: `no hostname on this line, and the hostname template is not usable: ${templateProblem}` });
      continue;
    }
    const rendered = renderTemplate(template, row);
    if (rendered.kind === "error") {
      row.problems.push({ kind: "invalid", text: `no hostname on this line, and ${rendered.reason}` });
      failed ??= rendered.reason;
      continue;
    }
    named++;
    const name = rendered.kind === "fixed" ? rendered.name : firstFree(rendered, next, taken);
    const owner = taken.get(name);
    if (name.length > MAX_HOSTNAME) row.problems.push({ kind: "invalid", text: `the hostname template gives ${name}, longer than ${MAX_HOSTNAME} characters` });
    else if (owner === 0) row.problems.push({ kind: "conflict", text: `the hostname template gives ${name}, which is already taken` });
    else if (owner) row.problems.push({ kind: "duplicate", text: `the hostname template gives ${name}, which line ${owner} already uses` });
    row.hostname = name;
    taken.set(name, row.line);
  }
  return asked > 0 && named === 0 ? failed : null;
}

function firstFree(r: Extract<Rendered, { kind: "counter" }>, next: Map<string, number>, taken: TakenNames): string {
  const key = `${r.prefix}\u0000${r.suffix}\u0000${r.width}`;
  let n = next.get(key) ?? 1;
  while (taken.has(counterName(r, n))) n++;
  next.set(key, n + 1);
  return counterName(r, n);
}

/** Pool addresses for rows without one; the rows left over when the pool runs out say so. */
export function assignAddresses(rows: Draft[], subnet: NamedSubnet | null, used: Set<string>): void {
  if (!subnet) return;
  const wanting = rows.filter((r) => !r.ip && !r.ipGiven);
  if (!wanting.length) return;
  if (!subnet.poolStart || !subnet.poolEnd) {
    for (const row of wanting) row.problems.push({ kind: "invalid", text: `no IP address on this line, and subnet ${subnet.name} has no address pool to take one from` });
    return;
  }
  const free = freeAddresses(subnet, used, wanting.length);
  wanting.forEach((row, i) => {
    if (i < free.length) row.ip = free[i];
    else row.problems.push({ kind: "invalid", text: `no free address left in the pool of subnet ${subnet.name} (${subnet.poolStart}–${subnet.poolEnd}); give this line an IP or widen the pool` });
  });
}
