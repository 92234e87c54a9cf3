// GET /api/rooms/:roomId/export: the room's discussion as a file to read, print, analyse or bring elsewhere (a PDF is
// built as a job first, export-jobs.ts, and sent when done).
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { Router } from "express";
import { exportQuerySchema } from "../../../shared/schemas/exports.ts";
import type { ServiceContext } from "../../services/context.ts";
import { exportRoom } from "../../services/exports/export-room.ts";
import { exportJobFile } from "../../services/exports/export-job-access.ts";
import { startPdfExport } from "../../services/exports/start-pdf-export.ts";
import { principalOf, requireUser } from "../middleware/auth.ts";
import { perUserConcurrency } from "../middleware/concurrency-limit.ts";
import { parseOrThrow, uuidParam } from "../middleware/validate.ts";
import { coalesceChunks } from "../coalesce-chunks.ts";
import type { SharedLimits } from "../../realtime/fanout/shared-limits.ts";
import type { ApiDocs } from "../openapi.ts";
import { withRetryAfter } from "../retry-after.ts";
import { route } from "../route.ts";
import { sendExportFile } from "../send-export-file.ts";
import { setAttachment } from "../attachment.ts";

/** The export's query parameters, as the OpenAPI document describes them (the GET and the PDF job's POST). */
export const exportQueryDocs: Record<string, string> = {
  format: "md | html | pdf | csv | jsonld (required)",
  layout: "discussion (default) | annotated — Markdown, HTML and PDF",
  authorId: "only threads started by this user",
  tag: "only threads with this tag",
  q: "only threads whose words or replies match (the thread list's search)",
  match:
    "only threads whose opening comment, quote, author's name or tags hold every word (the reader's filter)",
  status: "open | resolved",
  includeResolved: "true (default) | false",
  visibility: "group | instructors (instructors and owners)",
  section: "only the section under this heading (a block id)",
  fromBlock: "from this block (a block id)",
  toBlock: "to this block (a block id), included",
  since: "threads started from this date or instant (ISO 8601)",
  until: "threads started up to this date or instant (ISO 8601)",
  bom: "true | false (default): CSV with a UTF-8 byte order mark, for Excel",
  threadId: "only this thread (a thread id)",
  includeNotes: "true | false (default): the requester's own private notes too, on their paragraphs",
};

/** Exports one person may have running at once: a large room's export keeps a core busy for a second or two. */
export const exportsPerUser = 3;

/** With `shared` (REDIS_URL set), the per-user cap counts this user's requests on every server. */
export function exportRoutes(ctx: ServiceContext, docs: ApiDocs, shared?: SharedLimits): Router {
  const router = Router();
  const exportsAtOnce = perUserConcurrency(
    exportsPerUser,
    `You already have ${exportsPerUser} exports running; wait for one to finish, then try again.`,
    5,
    shared?.connections("exports"),
  );
  route(
    router,
    docs,
    {
      method: "get",
      path: "/api/rooms/:roomId/export",
      summary:
        "The room's discussion as a file, in reading order, with what the requester may read: Markdown, HTML or PDF (two layouts each), CSV (one row per thread and reply), or W3C Web Annotation JSON-LD. A PDF is sent once built whole; the reader builds it as a job instead (POST /api/rooms/{roomId}/export-jobs)",
      tag: "exports",
      auth: true,
      query: exportQueryDocs,
      download: ["text/markdown", "text/html", "application/pdf", "text/csv", "application/ld+json"],
    },
    requireUser(ctx),
    exportsAtOnce,
    async (req, res) => {
      const roomId = parseOrThrow(uuidParam, req.params.roomId, "roomId").toLowerCase();
      const query = parseOrThrow(exportQuerySchema, req.query, "query");
      const userId = principalOf(res).user.id;
      if (query.format === "pdf") {
        const { job } = await withRetryAfter(res, () => startPdfExport(ctx, roomId, userId, query, true));
        // A reader who leaves before the PDF is ready does not leave a job building for nobody.
        const abandon = () => {
          if (!res.headersSent) void ctx.exportJobs.abandon(userId, job.id);
        };
        res.once("close", abandon);
        await ctx.exportJobs.whenSettled(userId, job.id);
        res.off("close", abandon);
        if (res.destroyed) return;
        try {
          // A failure keeps its own status: 503 (worth retrying) only for the time limit or a shutdown.
          await sendExportFile(req, res, await exportJobFile(ctx, userId, job.id, true));
        } finally {
          await ctx.exportJobs.release(userId, job.id);
        }
        return;
      }
      const file = await exportRoom(ctx, roomId, userId, query);
      // The first chunk is read before any header is sent, so a failure there is still an ordinary error response.
      const chunks = file.body[Symbol.asyncIterator]();
      const first = await chunks.next();
      setAttachment(res, file.fileName);
      res.type(file.contentType);
      res.setHeader("Cache-Control", "no-store");
      async function* all() {
        if (first.done) return;
        yield first.value;
        for (let next = await chunks.next(); !next.done; next = await chunks.next()) yield next.value;
      }
      try {
        await pipeline(Readable.from(coalesceChunks(all())), res);
      } catch (error) {
        // A reader who cancels the download is no failure of ours.
        if ((error as { code?: unknown }).code === "ERR_STREAM_PREMATURE_CLOSE" && req.destroyed) return;
        throw error;
      }
    },
  );
  return router;
}
