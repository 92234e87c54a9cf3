// A room's analytics for one viewer: everyone's numbers for instructors and owners, one's own for everyone else.
import {
  confusedReactions,
  questionTag,
  type AnalyticsQuery,
  type AnalyticsTable,
  type RoomAnalytics,
} from "../../../shared/schemas/analytics.ts";
import {
  listAnalyticsMembers,
  loadAnalyticsText,
  sumReactions,
  sumReading,
  sumWriting,
  type AnalyticsFilter,
} from "../../data/analytics.ts";
import { loadDueDates } from "../../data/assignments.ts";
import { analyticsCsv } from "../../domain/analytics/csv.ts";
import { AppError } from "../../domain/app-error.ts";
import { neverLateRoles } from "../../domain/assignments.ts";
import { authorize, can } from "../../domain/policies.ts";
import { readableVisibilities } from "../../domain/visibility.ts";
import { presentRoomAnalytics } from "../../presenters/analytics.ts";
import type { ServiceContext } from "../context.ts";
import { instant, slug } from "../exports/export-room.ts";
import { loadRoomActor } from "../threads/load-room-actor.ts";

/** One analytics table as a CSV download. */
export interface AnalyticsFile {
  fileName: string;
  body: string;
}

/**
 * The figures `userId` may see of the room over the query's period. Instructor-only threads count only for those
 * who read them. Errors: 404 for a room the user is not in; 400 for a period that ends before it starts.
 */
export async function roomAnalytics(
  ctx: ServiceContext,
  roomId: string,
  userId: string,
  query: Pick<AnalyticsQuery, "from" | "to">,
): Promise<RoomAnalytics> {
  return (await loadAnalytics(ctx, roomId, userId, query)).analytics;
}

/** One table of roomAnalytics as CSV, named for the text, the table and the day. The same errors. */
export async function roomAnalyticsCsv(
  ctx: ServiceContext,
  roomId: string,
  userId: string,
  query: Pick<AnalyticsQuery, "from" | "to">,
  table: AnalyticsTable,
): Promise<AnalyticsFile> {
  const { analytics, title } = await loadAnalytics(ctx, roomId, userId, query);
  const date = ctx.now().toISOString().slice(0, 10);
  return { fileName: `${slug(title)}-${table}-${date}.csv`, body: analyticsCsv(analytics, table) };
}

async function loadAnalytics(
  ctx: ServiceContext,
  roomId: string,
  userId: string,
  query: Pick<AnalyticsQuery, "from" | "to">,
): Promise<{ analytics: RoomAnalytics; title: string }> {
  const actor = await loadRoomActor(ctx, roomId, userId);
  authorize(actor, "room.analytics");
  const everyone = can(actor, "room.analytics.everyone");
  const from = instant(query.from, false);
  const to = instant(query.to, true);
  if (from && to && from > to)
    throw new AppError("validation_failed", "Invalid request: to is before from.", [
      { field: "to", message: "is before from" },
    ]);
  const filter: AnalyticsFilter = {
    roomId,
    visibilities: readableVisibilities(can(actor, "room.readInstructorNotes")),
    userId: everyone ? null : userId,
    from,
    to,
    confusedEmoji: confusedReactions,
    questionTag,
  };
  // Independent statements, each on its own pooled connection.
  const [members, text, writing, reactions, reading, due] = await Promise.all([
    listAnalyticsMembers(ctx.db, roomId, filter.userId),
    loadAnalyticsText(ctx.db, roomId),
    sumWriting(ctx.db, filter, neverLateRoles()),
    sumReactions(ctx.db, filter),
    sumReading(ctx.db, filter),
    loadDueDates(ctx.db, roomId, neverLateRoles()),
  ]);
  const analytics = presentRoomAnalytics({
    scope: everyone ? "everyone" : "self",
    from,
    to,
    recordsReadingTime: text.recordsReadingTime,
    hasAssignment: due !== undefined,
    timeZone: text.timeZone,
    members,
    blocks: text.blocks,
    writing,
    reactions,
    reading,
  });
  return { analytics, title: text.title };
}
