// After access events may have been missed: which live connections' sessions ended or memberships changed meanwhile.
import type { Logger } from "pino";
import { findLostAccess, type HeldAccess, type LostAccess } from "../../data/lost-access.ts";
import type { ServiceContext } from "../context.ts";

export type { HeldAccess, LostAccess };

/**
 * Reads again the sessions and memberships `held` by live connections (one query each) and returns those that
 * ended or changed; undefined, logged, when the database cannot be read (the connections stay as they are, and
 * the next missed change checks them again).
 */
export async function findLostLiveAccess(
  ctx: ServiceContext,
  logger: Logger,
  held: readonly HeldAccess[],
): Promise<LostAccess | undefined> {
  try {
    return await findLostAccess(ctx.db, held, ctx.now());
  } catch (err) {
    logger.warn({ err }, "could not check live connections against the database after missed access changes");
    return undefined;
  }
}
