// Runs once when a console server process starts: background work starts with it
// (deploy workers), unless FLEETBOOT_WORKERS=off leaves that to `npm run worker` hosts.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs" || !process.env.DATABASE_URL) return;
  if (process.env.FLEETBOOT_WORKERS === "off") return;
  const { startWorkers } = await import("./lib/jobs/workers");
  await startWorkers().catch((err) => console.error("[fleetboot] workers did not start:", err));
}
