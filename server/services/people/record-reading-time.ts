// Writes the reading time counted from presence, in one batch.
import { addReadingTime, type ReadingTimeIncrement } from "../../data/reading-time.ts";
import type { ServiceContext } from "../context.ts";

export type { ReadingTimeIncrement };

/** Adds `increments` to the ReadingTime rows; groups that switched recording off are skipped by the write. */
export async function recordReadingTime(
  ctx: ServiceContext,
  increments: ReadingTimeIncrement[],
): Promise<void> {
  await addReadingTime(ctx.db, increments);
}
