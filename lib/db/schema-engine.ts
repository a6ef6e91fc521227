import { AsyncLocalStorage } from "node:async_hooks";
import { randomUUID } from "node:crypto";
import { readFile, readdir } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import {
  bindMigrationAwareSqlAdapterFactory,
  ColumnTypeEnum,
  type SqlMigrationAwareDriverAdapterFactory,
} from "@prisma/driver-adapter-utils";
import type { MigrationList, SchemaEngine } from "@prisma/schema-engine-wasm";

// Prisma's CLI drives a native schema engine that cannot be downloaded in every
// environment; the same engine ships on npm compiled to WebAssembly. Its ESM entry
// imports the .wasm file directly, which Node 20 cannot do, so it is instantiated here.
// See docs/decisions/0001-migrations.md.

const require = createRequire(import.meta.url);

type EngineModule = typeof import("@prisma/schema-engine-wasm");
let enginePromise: Promise<EngineModule> | undefined;

let lastPanic = "";
// The engine reports a Rust panic's message here before it traps.
(globalThis as { PRISMA_WASM_PANIC_REGISTRY?: unknown }).PRISMA_WASM_PANIC_REGISTRY = {
  set_message(message: string) {
    lastPanic = message;
    if (process.env.FLEETBOOT_DEBUG_ENGINE) console.error("PANIC", message);
  },
};

async function loadEngineModule(): Promise<EngineModule> {
  const bgPath = require.resolve("@prisma/schema-engine-wasm/schema_engine_bg");
  const pkgDir = path.dirname(bgPath);
  const bg = (await import(
    /* webpackIgnore: true */ pathToFileURL(bgPath).href
  )) as EngineModule & { __wbg_set_wasm(w: unknown): void };
  const bytes = await readFile(path.join(pkgDir, "schema_engine_bg.wasm"));
  const { instance } = await WebAssembly.instantiate(bytes, { "./schema_engine_bg.js": bg as never });
  bg.__wbg_set_wasm(instance.exports);
  (instance.exports as { __wbindgen_start(): void }).__wbindgen_start();
  return bg;
}

const PG_CHAR_OID = 18;
const PG_TEXT_OID = 25;
const charColumns = new AsyncLocalStorage<number[]>();

// The engine introspects pg_catalog columns of Postgres' one-byte "char" type and wants
// them as Character columns, but @prisma/adapter-pg rejects that type as unsupported.
// The pool passes them through as text and notes their positions; connectAdapter then
// labels those columns Character.
class IntrospectionPool extends pg.Pool {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  override query(...args: any[]): any {
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    const result = (super.query as any)(...args);
    const noted = charColumns.getStore();
    if (noted && result && typeof result.then === "function") {
      return result.then((res: pg.QueryResult) => {
        res.fields?.forEach((field, i) => {
          if (field.dataTypeID === PG_CHAR_OID) {
            field.dataTypeID = PG_TEXT_OID;
            noted.push(i);
          }
        });
        return res;
      });
    }
    return result;
  }
}

async function connectAdapter(connectionString: string) {
  const pool = new IntrospectionPool({ connectionString, max: 2 });
  const adapter = await new PrismaPg(pool, { disposeExternalPool: true }).connect();
  const queryRaw = adapter.queryRaw.bind(adapter);
  adapter.queryRaw = async (query) => {
    const noted: number[] = [];
    const result = await charColumns.run(noted, () => queryRaw(query));
    for (const i of noted) result.columnTypes[i] = ColumnTypeEnum.Character;
    return result;
  };
  // PrismaPg splits scripts on every ";" (even inside comments, strings and function
  // bodies). One simple-protocol query runs the whole migration, atomically.
  adapter.executeScript = async (script: string) => {
    try {
      await pool.query(script);
    } catch (error) {
      (adapter as unknown as { onError(e: unknown): never }).onError(error);
    }
  };
  return adapter;
}

// Like PrismaPg's own factory, but every pool (the shadow database's too) is an IntrospectionPool.
class EngineAdapterFactory implements SqlMigrationAwareDriverAdapterFactory {
  readonly provider = "postgres";
  readonly adapterName = "@prisma/adapter-pg";
  private readonly opened: { dispose(): Promise<void> }[] = [];
  constructor(private readonly url: string) {}

  async connect() {
    const adapter = await connectAdapter(this.url);
    this.opened.push(adapter);
    return adapter;
  }

  /** The engine does not always dispose what it connected; close every pool. */
  async disposeAll() {
    await Promise.allSettled(this.opened.splice(0).map((a) => a.dispose()));
  }

  async connectToShadowDb() {
    const main = await connectAdapter(this.url);
    const name = `fleetboot_shadow_${randomUUID().replaceAll("-", "")}`;
    await main.executeScript(`CREATE DATABASE "${name}"`);
    const url = new URL(this.url);
    url.pathname = `/${name}`;
    const shadow = await connectAdapter(url.toString());
    const dispose = shadow.dispose.bind(shadow);
    shadow.dispose = async () => {
      await dispose();
      await main.executeScript(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await main.dispose();
    };
    return shadow;
  }
}

export const PRISMA_DIR = path.resolve(process.cwd(), "prisma");
export const SCHEMA_PATH = path.join(PRISMA_DIR, "schema.prisma");
export const MIGRATIONS_DIR = path.join(PRISMA_DIR, "migrations");

export async function withSchemaEngine<T>(
  databaseUrl: string,
  fn: (engine: SchemaEngine, schema: string) => Promise<T>,
): Promise<T> {
  enginePromise ??= loadEngineModule();
  const mod = await enginePromise;
  const schema = await readFile(SCHEMA_PATH, "utf8");
  const logs: string[] = [];
  const factory = new EngineAdapterFactory(databaseUrl);
  const adapter = bindMigrationAwareSqlAdapterFactory(factory);
  const engine = await mod.SchemaEngine.new(
    { datamodels: [[SCHEMA_PATH, schema]] },
    (line: string) => logs.push(line),
    adapter,
  );
  try {
    return await fn(engine, schema);
  } catch (err) {
    if (lastPanic) {
      const message = `schema engine panicked: ${lastPanic}`;
      lastPanic = "";
      throw new Error(message, { cause: err });
    }
    throw err;
  } finally {
    engine.free();
    await factory.disposeAll();
  }
}

export async function readMigrationList(dir = MIGRATIONS_DIR): Promise<MigrationList> {
  let entries: string[] = [];
  try {
    entries = (await readdir(dir, { withFileTypes: true }))
      .filter((e) => e.isDirectory())
      .map((e) => e.name)
      .sort();
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== "ENOENT") throw err;
  }
  const migrationDirectories = await Promise.all(
    entries.map(async (name) => {
      const file = path.join(dir, name, "migration.sql");
      try {
        return {
          path: name,
          migrationFile: { path: "migration.sql", content: { tag: "ok" as const, value: await readFile(file, "utf8") } },
        };
      } catch (err) {
        return {
          path: name,
          migrationFile: { path: "migration.sql", content: { tag: "error" as const, value: String(err) } },
        };
      }
    }),
  );
  let lock: string | null = null;
  try {
    lock = await readFile(path.join(dir, "migration_lock.toml"), "utf8");
  } catch {
    lock = null;
  }
  return {
    baseDir: dir,
    lockfile: { path: "migration_lock.toml", content: lock },
    shadowDbInitScript: "",
    migrationDirectories,
  };
}
