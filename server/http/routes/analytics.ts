// GET /api/rooms/:roomId/analytics: who read and discussed what in a room, as JSON or one table as CSV.
import { Router } from "express";
import {
  analyticsQuerySchema,
  analyticsTables,
  roomAnalyticsResponse,
} from "../../../shared/schemas/analytics.ts";
import type { ServiceContext } from "../../services/context.ts";
import { roomAnalytics, roomAnalyticsCsv } from "../../services/analytics/room-analytics.ts";
import { setAttachment } from "../attachment.ts";
import { principalOf, requireUser } from "../middleware/auth.ts";
import { perUserConcurrency } from "../middleware/concurrency-limit.ts";
import { parseOrThrow, uuidParam } from "../middleware/validate.ts";
import type { SharedLimits } from "../../realtime/fanout/shared-limits.ts";
import type { ApiDocs } from "../openapi.ts";
import { route } from "../route.ts";

/** Analytics one person may have running at once: a large room's keeps the database busy for most of a second. */
export const analyticsPerUser = 2;

/** With `shared` (REDIS_URL set), the per-user cap counts this user's requests on every server. */
export function analyticsRoutes(ctx: ServiceContext, docs: ApiDocs, shared?: SharedLimits): Router {
  const router = Router();
  const atOnce = perUserConcurrency(
    analyticsPerUser,
    `You already have ${analyticsPerUser} analytics requests running; wait for one to finish, then try again.`,
    2,
    shared?.connections("analytics"),
  );
  route(
    router,
    docs,
    {
      method: "get",
      path: "/api/rooms/:roomId/analytics",
      summary:
        "Participation in the room: per member (threads, replies, words, reactions given and received, questions, reading and active time, paragraphs read, last seen), per paragraph, threads and replies by day of the week and hour (UTC), and a confusion report. Instructors and owners see everyone; members and observers their own numbers only. Deleted words count for nobody; instructor-only threads only for those who read them",
      tag: "analytics",
      auth: true,
      query: {
        from: "only activity from this date (its start, UTC) or instant (ISO 8601); reading time by whole UTC days",
        to: "only activity up to this date (its end, UTC) or instant (ISO 8601)",
        format: "json (default) | csv",
        table: `with format=csv, the table: ${analyticsTables.join(" | ")}`,
      },
      response: roomAnalyticsResponse,
      download: ["text/csv"],
    },
    requireUser(ctx),
    atOnce,
    async (req, res) => {
      const roomId = parseOrThrow(uuidParam, req.params.roomId, "roomId").toLowerCase();
      const query = parseOrThrow(analyticsQuerySchema, req.query, "query");
      const userId = principalOf(res).user.id;
      res.setHeader("Cache-Control", "no-store");
      if (query.format === "csv") {
        const file = await roomAnalyticsCsv(ctx, roomId, userId, query, query.table!);
        setAttachment(res, file.fileName);
        res.type("text/csv; charset=utf-8").send(file.body);
        return;
      }
      res.json({ analytics: await roomAnalytics(ctx, roomId, userId, query) });
    },
  );
  return router;
}
