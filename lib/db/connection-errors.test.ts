import { afterEach, describe, expect, it, vi } from "vitest";
import { markShuttingDown, reportConnectionError } from "./connection-errors";

const state = globalThis as unknown as { fleetbootShuttingDown?: boolean; fleetbootErrorsSaid?: Map<string, unknown> };
const adminShutdown = Object.assign(new Error("terminating connection due to administrator command"), { code: "57P01" });
const refused = (port: number) => Object.assign(new Error(`connect ECONNREFUSED 127.0.0.1:${port}`), { code: "ECONNREFUSED" });

afterEach(() => {
  vi.useRealTimers();
  delete state.fleetbootShuttingDown;
  delete state.fleetbootErrorsSaid;
});

describe("reporting lost database connections", () => {
  it("says a database shutdown once for every pool that sees it", () => {
    const lines: string[] = [];
    for (const what of ["database connection lost", "job queue", "job queue", "rollout scheduler"]) reportConnectionError(what, adminShutdown, (l) => lines.push(l));
    expect(lines).toEqual(["[fleetboot] the database is shutting down and closed the console's connections; they are opened again once it is back"]);
  });

  it("says a repeated error once per 30 s per part, then how many were left unsaid", () => {
    vi.useFakeTimers();
    const lines: string[] = [];
    const log = (l: string) => lines.push(l);
    for (let i = 0; i < 8; i++) reportConnectionError("job queue", refused(5432), log);
    reportConnectionError("rollout scheduler", refused(5432), log);
    expect(lines).toEqual(["[fleetboot] job queue: connect ECONNREFUSED 127.0.0.1:5432", "[fleetboot] rollout scheduler: connect ECONNREFUSED 127.0.0.1:5432"]);
    vi.advanceTimersByTime(30_001);
    reportConnectionError("job queue", refused(5432), log);
    expect(lines.at(-1)).toBe("[fleetboot] job queue: connect ECONNREFUSED 127.0.0.1:5432 (and 7 more like it since the last)");
  });

  it("says nothing once the process is stopping", () => {
    const lines: string[] = [];
    markShuttingDown();
    reportConnectionError("job queue", adminShutdown, (l) => lines.push(l));
    reportConnectionError("job queue", refused(5432), (l) => lines.push(l));
    expect(lines).toEqual([]);
  });
});
