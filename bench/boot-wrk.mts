// wrk and nginx for the boot-endpoint benchmark: a new connection per request
// ("Connection: close"), a Lua request generator cycling through a MAC mix, and a
// one-worker nginx serving a static file of the script's size as the yardstick.
import { execFile, spawn, type ChildProcess } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import net from "node:net";
import os from "node:os";
import path from "node:path";

export interface WrkResult {
  rps: number;
  p50: number;
  p99: number;
  errors: string;
}

function ms(value: string, unit: string): number {
  return Number(value) * ({ us: 0.001, ms: 1, s: 1000 }[unit] ?? 1);
}

/** Runs wrk against `url`; `paths` (optional) are cycled through by a Lua script. */
export async function runWrk(url: string, opts: { seconds: number; connections: number; paths?: string[] }): Promise<WrkResult> {
  const dir = await mkdtemp(path.join(os.tmpdir(), "fleetboot-wrk-"));
  const args = ["-t2", `-c${opts.connections}`, `-d${opts.seconds}s`, "--latency", "-H", "Connection: close"];
  if (opts.paths) {
    const script = path.join(dir, "paths.lua");
    const list = opts.paths.map((p) => JSON.stringify(p)).join(",\n");
    await writeFile(script, `local paths = {\n${list}\n}\nlocal i = 0\nrequest = function()\n  i = i + 1\n  return wrk.format("GET", paths[(i % #paths) + 1])\nend\n`);
    args.push("-s", script);
  }
  args.push(url);
  const out = await new Promise<string>((resolve, reject) =>
    execFile("wrk", args, { timeout: (opts.seconds + 30) * 1000 }, (err, stdout, stderr) => (err ? reject(new Error(`wrk failed: ${stderr || err.message}`)) : resolve(stdout))),
  ).finally(() => rm(dir, { recursive: true, force: true }));
  const rps = Number(/Requests\/sec:\s+([\d.]+)/.exec(out)?.[1] ?? NaN);
  const pct = (p: string) => {
    const m = new RegExp(`\\s${p}%\\s+([\\d.]+)(us|ms|s)`).exec(out);
    return m ? Math.round(ms(m[1], m[2]) * 100) / 100 : NaN;
  };
  const errors = [/Socket errors:.*/.exec(out)?.[0], /Non-2xx or 3xx responses:.*/.exec(out)?.[0]].filter(Boolean).join("; ");
  return { rps: Math.round(rps), p50: pct("50"), p99: pct("99"), errors };
}

async function freePort(): Promise<number> {
  const srv = net.createServer();
  await new Promise<void>((r) => srv.listen(0, "127.0.0.1", r));
  const { port } = srv.address() as net.AddressInfo;
  await new Promise((r) => srv.close(r));
  return port;
}

/** One nginx worker serving `body` as /boot.ipxe on loopback. */
export function startNginx(body: string): Promise<{ url: string; stop: () => void }> {
  return runNginx((dir) => `root ${dir}; default_type text/plain;`, { "boot.ipxe": body }, "/boot.ipxe");
}

/** One nginx worker passing every request to `upstreamPort` over 64 kept-alive connections. */
export function startNginxProxy(upstreamPort: number): Promise<{ url: string; stop: () => void }> {
  return runNginx(
    () => `location / { proxy_pass http://console; proxy_http_version 1.1; proxy_set_header Connection ""; proxy_set_header Host $host; }`,
    {},
    "/",
    `upstream console { server 127.0.0.1:${upstreamPort}; keepalive 64; }`,
  );
}

async function runNginx(server: (dir: string) => string, files: Record<string, string>, urlPath: string, http = ""): Promise<{ url: string; stop: () => void }> {
  const dir = await mkdtemp(path.join(os.tmpdir(), "fleetboot-nginx-"));
  const port = await freePort();
  for (const [name, body] of Object.entries(files)) await writeFile(path.join(dir, name), body, { mode: 0o644 });
  const conf = path.join(dir, "nginx.conf");
  await writeFile(conf, [
    "worker_processes 1;", "daemon off;", "user root;", `pid ${dir}/nginx.pid;`, `error_log ${dir}/error.log;`,
    "events { worker_connections 1024; }",
    "http {", "  access_log off;", `  client_body_temp_path ${dir}; proxy_temp_path ${dir}; fastcgi_temp_path ${dir}; uwsgi_temp_path ${dir}; scgi_temp_path ${dir};`,
    ...(http ? [`  ${http}`] : []),
    `  server { listen 127.0.0.1:${port}; ${server(dir)} }`, "}", "",
  ].join("\n"));
  const child: ChildProcess = spawn("nginx", ["-c", conf, "-p", dir], { stdio: "ignore" });
  for (let i = 0; i < 50; i++) {
    const up = await new Promise<boolean>((r) => net.connect(port, "127.0.0.1").on("connect", function (this: net.Socket) { this.destroy(); r(true); }).on("error", () => r(false)));
    if (up) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    url: `http://127.0.0.1:${port}${urlPath}`,
    stop: () => {
      child.once("exit", () => void rm(dir, { recursive: true, force: true }));
      child.kill("SIGTERM");
    },
  };
}
