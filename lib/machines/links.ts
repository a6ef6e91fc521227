import { MACHINE_SORT_KEYS } from "./schema";
import type { MachineSort, MachineSortKey } from "./sort";

/** The machine list's URL: `params` with `change` applied (undefined leaves a parameter out). */
export function machinesHref(params: Record<string, string>, change: Record<string, string | undefined> = {}): string {
  const next = new URLSearchParams(params);
  for (const [name, value] of Object.entries(change)) {
    if (value === undefined) next.delete(name);
    else next.set(name, value);
  }
  const qs = next.toString();
  return qs ? `/machines?${qs}` : "/machines";
}

/** Per column, the list in that column's order from its first page: ascending first, descending on a second click. */
export function machineSortHrefs(params: Record<string, string>, current: MachineSort): Record<MachineSortKey, string> {
  const hrefs = {} as Record<MachineSortKey, string>;
  for (const key of MACHINE_SORT_KEYS) {
    hrefs[key] = machinesHref(params, {
      cursor: undefined,
      sort: key === "hostname" ? undefined : key,
      dir: current.key === key && !current.desc ? "desc" : undefined,
    });
  }
  return hrefs;
}
