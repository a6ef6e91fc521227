// `npm run worker`: background work alone, on any host that reaches the database
// (DATABASE_URL required). Runs the same job handlers as a console instance.
import { markShuttingDown } from "../lib/db/connection-errors";
import { startWorkers, stopWorkers } from "../lib/jobs/workers";
import { settingsOrExit } from "../lib/settings";

const settings = settingsOrExit();
if (!settings.DATABASE_URL) {
  console.error("[fleetboot] npm run worker needs DATABASE_URL: the database the consoles use");
  process.exit(2);
}
await startWorkers();
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    console.log("[fleetboot] stopping workers (running deployments finish or are retried elsewhere)");
    markShuttingDown();
    void stopWorkers().finally(() => process.exit(0));
  });
}
