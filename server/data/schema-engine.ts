// Loads Prisma's WebAssembly schema engine (offline replacement for the native one) bound to a pg connection.
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { bindMigrationAwareSqlAdapterFactory } from "@prisma/driver-adapter-utils";
import * as engineGlue from "@prisma/schema-engine-wasm/schema_engine_bg";
import type { SchemaEngine } from "@prisma/schema-engine-wasm";

let wasmReady: Promise<void> | undefined;

/** The slice of the WebAssembly global used here (the DOM lib that would type it is not loaded). */
interface WasmApi {
  instantiate(
    bytes: Uint8Array,
    imports: object,
  ): Promise<{ instance: { exports: Record<string, unknown> } }>;
}

/** Node 20 cannot import `.wasm` as an ES module, so the glue's wasm instance is created here by hand. */
function instantiateWasm(): Promise<void> {
  wasmReady ??= (async () => {
    const require = createRequire(import.meta.url);
    const gluePath = require.resolve("@prisma/schema-engine-wasm/schema_engine_bg");
    const bytes = await readFile(gluePath.replace(/\.js$/, ".wasm"));
    const { instance } = await (globalThis as unknown as { WebAssembly: WasmApi }).WebAssembly.instantiate(
      bytes,
      { "./schema_engine_bg.js": engineGlue },
    );
    engineGlue.__wbg_set_wasm(instance.exports as never);
    (instance.exports as { __wbindgen_start?: () => void }).__wbindgen_start?.();
  })();
  return wasmReady;
}

export interface EngineOptions {
  connectionString: string;
  /** Prisma schema text the engine starts with. */
  datamodel: string;
  /** Maximum pool size; 1 for the embedded database, which serves a single session. */
  maxConnections?: number;
  onLog?: (line: string) => void;
}

/** A schema engine and the pool it runs on; `close()` frees both. */
export interface OpenSchemaEngine {
  engine: SchemaEngine;
  close(): Promise<void>;
}

/** Creates a schema engine connected to the database at `connectionString`. */
export async function openSchemaEngine(options: EngineOptions): Promise<OpenSchemaEngine> {
  await instantiateWasm();
  // An external pool, because the engine never disposes the adapter's own and would keep connections open.
  const pool = new pg.Pool({ connectionString: options.connectionString, max: options.maxConnections ?? 1 });
  const adapter = bindMigrationAwareSqlAdapterFactory(new PrismaPg(pool));
  try {
    const engine = (await engineGlue.SchemaEngine.new(
      { datamodels: [["schema.prisma", options.datamodel]] },
      (line: string) => options.onLog?.(line),
      adapter,
    )) as SchemaEngine;
    return {
      engine,
      async close() {
        engine.free();
        await pool.end();
      },
    };
  } catch (error) {
    await pool.end();
    throw error;
  }
}

export const noSchemaFilter = { externalTables: [], externalEnums: [] };
