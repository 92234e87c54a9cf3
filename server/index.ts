// Process entry point: reads the environment, starts the server, and shuts it down on SIGTERM/SIGINT.
import { ConfigError, parseEnv } from "./config/env.ts";
import { DataDirLockedError } from "./data/embedded-postgres.ts";
import { createLogger } from "./logger.ts";
import { startServer } from "./server.ts";

/** Requests in flight get this long at shutdown; the rest (compaction, closing the database) fits under 10 s. */
const shutdownGraceMs = 5_000;

async function main(): Promise<void> {
  let config;
  try {
    config = parseEnv(process.env);
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(`${error.message}\nFix the variables above and start again.`);
      process.exit(78); // EX_CONFIG
    }
    throw error;
  }
  const logger = createLogger(config.logLevel);
  let running;
  try {
    running = await startServer(config, logger);
  } catch (error) {
    const message =
      error instanceof DataDirLockedError
        ? error.message
        : `Scholia could not start: ${(error as Error).message}`;
    logger.fatal({ err: error }, message);
    process.exit(1);
  }
  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, "Shutting down: finishing requests in flight.");
    const force = setTimeout(() => {
      logger.error("Shutdown took longer than 10 s; exiting anyway.");
      process.exit(1);
    }, 10_000);
    force.unref();
    running.stop(shutdownGraceMs).then(
      () => {
        logger.info("Stopped.");
        process.exit(0);
      },
      (error: unknown) => {
        logger.error({ err: error }, "Error while shutting down.");
        process.exit(1);
      },
    );
  };
  process.on("SIGTERM", () => shutdown("SIGTERM"));
  process.on("SIGINT", () => shutdown("SIGINT"));
}

await main();
