// Renders the DHCP config for one daemon from DATABASE_URL, for cron or config management.
//
//   npm run dhcp:render -- isc|kea|dnsmasq [--console URL] [--interfaces LIST] [--check]
//     prints the config to stdout.
//   npm run dhcp:render -- --format kea --out FILE [--reload-command "…"] [--no-check] …
//     checks the config with the daemon's own checker, then replaces FILE atomically (temp
//     file + rename) only when the content changed, and runs the reload command only then.
//
//   … --from http://console:3000 (with FLEETBOOT_TOKEN, an API token): the same, but the
//     config comes from a console's API, for a DHCP server without database credentials.
//
// Exit codes: 0 rendered (written, or FILE already held it), 1 the checker refused it or
// an unexpected error, 2 bad usage or a fleet that cannot be rendered (problems listed),
// 3 the file was written but the reload command failed.
import path from "node:path";
import { parseArgs } from "node:util";
import { disconnectDb } from "../lib/db";
import { buildDhcpConfig } from "../lib/dhcp/build";
import { checkDhcpConfig } from "../lib/dhcp/check";
import { etagOf } from "../lib/dhcp/etag";
import { fetchDhcpConfig } from "../lib/dhcp/remote";
import { dhcpFormat, interfaceList } from "../lib/dhcp/schema";
import type { DhcpProblem } from "../lib/dhcp/validate";
import { runReloadCommand, writeConfigIfChanged } from "../lib/dhcp/write";
import { AppError } from "../lib/http/errors";

const USAGE = [
  "usage: dhcp:render [--format] isc|kea|dnsmasq [--console URL] [--interfaces LIST]",
  "                   [--check | --out FILE [--reload-command CMD] [--no-check]]",
  "                   [--from CONSOLE_URL]   (with FLEETBOOT_TOKEN; else DATABASE_URL)",
].join("\n");

function fail(message: string, code = 2): never {
  process.stderr.write(`${message}\n`);
  process.exit(code);
}

/** A config that cannot be rendered: the reason, then each problem on its own line. */
function failWithProblems(message: string, problems: DhcpProblem[], code: number): never {
  fail([message, ...problems.map((p) => `  ${p.where}: ${p.message}`)].join("\n"), code);
}

let parsed;
try {
  parsed = parseArgs({
    allowPositionals: true,
    allowNegative: true,
    options: {
      format: { type: "string" },
      console: { type: "string" },
      interfaces: { type: "string" },
      check: { type: "boolean" },
      out: { type: "string" },
      "reload-command": { type: "string" },
      from: { type: "string" },
      help: { type: "boolean" },
    },
  });
} catch (err) {
  fail(`${(err as Error).message}\n${USAGE}`);
}
const { values, positionals } = parsed;
if (values.help) fail(USAGE, 0);
if (values.format !== undefined && positionals.length > 0) fail(`give the format once: --format ${values.format} or ${positionals[0]}\n${USAGE}`);
const formatArg = values.format ?? positionals[0];
const format = dhcpFormat.safeParse(formatArg);
if (!format.success || positionals.length > 1) fail(formatArg === undefined ? USAGE : `unknown format ${JSON.stringify(formatArg)}: use isc, kea or dnsmasq\n${USAGE}`);
if (values["reload-command"] !== undefined && values.out === undefined) fail("--reload-command needs --out: the command runs only when the file changed");
if (values.out !== undefined && !values.out.trim()) fail("--out needs a file name");
if (values.from !== undefined) {
  if (!/^https?:\/\/[^\s/]+(\/\S*)?$/.test(values.from)) fail(`--from must be the console's http(s):// URL, not ${JSON.stringify(values.from)}`);
  if (!process.env.FLEETBOOT_TOKEN) fail("--from needs an API token in FLEETBOOT_TOKEN (Settings → API tokens; the viewer role is enough)");
} else if (!process.env.DATABASE_URL) fail("DATABASE_URL is not set (or use --from URL with FLEETBOOT_TOKEN)");
const interfaces = values.interfaces === undefined ? undefined : interfaceList.safeParse(values.interfaces);
if (interfaces && !interfaces.success) fail("--interfaces must list interface names or *");
// A file a daemon will read is checked unless the operator says otherwise; stdout only on request.
const check = values.check ?? values.out !== undefined;

/** The config as a console serves it; its refusal exits as a local one would. */
async function fromConsole(from: string): Promise<{ text: string; etag: string }> {
  const r = await fetchDhcpConfig(from, format.data!, process.env.FLEETBOOT_TOKEN!, { console: values.console, interfaces: interfaces?.data });
  if (r.ok) return { text: r.text, etag: r.etag ?? etagOf(r.text) };
  // 422: the fleet cannot be rendered (as exit 2 locally); anything else is the console or the way to it.
  failWithProblems(r.message, r.problems, r.status === 422 || r.status === 400 ? 2 : 1);
}

try {
  const config = values.from === undefined ? await buildDhcpConfig(format.data, { console: values.console, interfaces: interfaces?.data }) : await fromConsole(values.from);
  if (check) {
    const result = await checkDhcpConfig(format.data, config.text).catch((err: Error) => fail(`${err.message} (or pass --no-check)`, 1));
    if (!result.ok) fail(`${result.command} refused the config${values.out ? `; ${values.out} was left as it was` : ""}:\n${result.output}`, 1);
  }
  if (values.out === undefined) {
    process.stdout.write(config.text);
  } else {
    const file = path.resolve(values.out);
    const written = await writeConfigIfChanged(file, config.text).catch((err: NodeJS.ErrnoException) =>
      fail(`cannot write ${file}: ${err.code === "ENOENT" ? "its directory does not exist" : err.message}`, 1),
    );
    if (!written.changed) {
      process.stderr.write(`${file} is up to date (${config.etag}); nothing reloaded\n`);
    } else {
      process.stderr.write(`${file} ${written.created ? "created" : "updated"} (${config.etag})\n`);
      const reload = values["reload-command"];
      if (reload !== undefined) {
        const r = await runReloadCommand(reload, file);
        if (!r.ok) fail(`the reload command failed (${r.code === null ? "did not run to the end" : `exit ${r.code}`}): ${reload}${r.output ? `\n${r.output}` : ""}`, 3);
        process.stderr.write(`reloaded: ${reload}\n`);
      }
    }
  }
} catch (err) {
  if (!(err instanceof AppError)) throw err;
  failWithProblems(err.message, (err.details as { problems?: DhcpProblem[] } | undefined)?.problems ?? [], 2);
} finally {
  await disconnectDb();
}
