// `npm run db:migrate`: applies committed migrations to DATABASE_URL, or to the embedded database under DATA_DIR.
import { parseEnv } from "../server/config/env.ts";
import { startEmbeddedPostgres } from "../server/data/embedded-postgres.ts";
import { applyMigrations } from "../server/data/migrations.ts";

const config = parseEnv(process.env);
const embedded = config.databaseUrl ? undefined : await startEmbeddedPostgres(config.dataDir);
try {
  const applied = await applyMigrations({
    connectionString: config.databaseUrl ?? embedded!.connectionString,
    lock: !embedded,
  });
  console.log(
    applied.length ? `Applied ${applied.join(", ")}` : "Database is up to date; no migration applied.",
  );
} finally {
  await embedded?.stop();
}
process.exit(0); // the WASM schema engine leaves a 10 s timer behind
