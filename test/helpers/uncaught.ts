// Records errors nobody caught while a test runs in-process with the server: in production each would have ended
// the process, but vitest catches them, so a test must look for them itself.
import { afterAll, beforeAll } from "vitest";

/** Errors thrown or rejected without a handler since the file's tests started. */
export function watchUncaughtErrors(): unknown[] {
  const errors: unknown[] = [];
  const record = (error: unknown) => void errors.push(error);
  beforeAll(() => {
    process.on("uncaughtExceptionMonitor", record);
    process.on("unhandledRejection", record);
  });
  afterAll(() => {
    process.off("uncaughtExceptionMonitor", record);
    process.off("unhandledRejection", record);
  });
  return errors;
}
