// Renders the DHCP config for one daemon from DATABASE_URL to stdout, for cron or config
// management:  DATABASE_URL=… npx tsx scripts/dhcp-render.mts isc|kea|dnsmasq
//   [--console http://10.0.0.5:3000] [--interfaces eth0,eth1] [--check] > dhcpd.conf
// Exit codes: 0 rendered (and accepted by the checker with --check), 1 checker refused it
// or an unexpected error, 2 bad usage or a fleet that cannot be rendered (problems listed).
import { parseArgs } from "node:util";
import { disconnectDb } from "../lib/db";
import { buildDhcpConfig } from "../lib/dhcp/build";
import { checkDhcpConfig } from "../lib/dhcp/check";
import { dhcpFormat, interfaceList } from "../lib/dhcp/schema";
import { AppError } from "../lib/http/errors";

const USAGE = "usage: dhcp-render.mts isc|kea|dnsmasq [--console URL] [--interfaces LIST] [--check]";

function fail(message: string, code = 2): never {
  process.stderr.write(`${message}\n`);
  process.exit(code);
}

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { console: { type: "string" }, interfaces: { type: "string" }, check: { type: "boolean", default: false }, help: { type: "boolean" } },
});
if (values.help) fail(USAGE, 0);
const format = dhcpFormat.safeParse(positionals[0]);
if (!format.success || positionals.length !== 1) fail(USAGE);
if (!process.env.DATABASE_URL) fail("DATABASE_URL is not set");
const interfaces = values.interfaces === undefined ? undefined : interfaceList.safeParse(values.interfaces);
if (interfaces && !interfaces.success) fail("--interfaces must list interface names or *");

try {
  const config = await buildDhcpConfig(format.data, { console: values.console, interfaces: interfaces?.data });
  if (values.check) {
    const result = await checkDhcpConfig(format.data, config.text);
    if (!result.ok) fail(`${result.command} refused the config:\n${result.output}`, 1);
  }
  process.stdout.write(config.text);
} catch (err) {
  if (!(err instanceof AppError)) throw err;
  const problems = (err.details as { problems?: { where: string; message: string }[] } | undefined)?.problems ?? [];
  fail([err.message, ...problems.map((p) => `  ${p.where}: ${p.message}`)].join("\n"));
} finally {
  await disconnectDb();
}
