// The readiness check: whether the database answers now.
import { pingDatabase } from "../data/database.ts";
import type { ServiceContext } from "./context.ts";

/** Resolves once the database answers a query; rejects with the driver's error when it cannot be reached. */
export function checkDatabase(ctx: ServiceContext): Promise<void> {
  return pingDatabase(ctx.db);
}
