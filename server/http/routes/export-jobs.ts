// PDF exports as jobs for the reader: start one, follow its progress, download the file when it is done, or cancel.
import { Router, type Request } from "express";
import { exportJobResponse, exportQuerySchema } from "../../../shared/schemas/exports.ts";
import type { ServiceContext } from "../../services/context.ts";
import { cancelExportJob, exportJobFile, readExportJob } from "../../services/exports/export-job-access.ts";
import { startPdfExport } from "../../services/exports/start-pdf-export.ts";
import { principalOf, requireUser } from "../middleware/auth.ts";
import { parseOrThrow, uuidParam } from "../middleware/validate.ts";
import type { ApiDocs } from "../openapi.ts";
import { withRetryAfter } from "../retry-after.ts";
import { route } from "../route.ts";
import { sendExportFile } from "../send-export-file.ts";
import { exportQueryDocs } from "./exports.ts";

export function exportJobRoutes(ctx: ServiceContext, docs: ApiDocs): Router {
  const router = Router();
  const jobIdOf = (req: Request) => parseOrThrow(uuidParam, req.params.jobId, "jobId").toLowerCase();
  route(
    router,
    docs,
    {
      method: "post",
      path: "/api/rooms/:roomId/export-jobs",
      summary:
        "Starts building the room's discussion as a PDF (format=pdf; the export's other query parameters as GET /api/rooms/{roomId}/export), or answers with the requester's identical job still being built. Only its starter sees the job; 429 with Retry-After (seconds) when they already have two being built or the server's line is full. A user keeps their three latest finished jobs; starting another forgets the oldest",
      tag: "exports",
      auth: true,
      query: exportQueryDocs,
      response: exportJobResponse,
      status: 202,
    },
    requireUser(ctx),
    async (req, res) => {
      const roomId = parseOrThrow(uuidParam, req.params.roomId, "roomId").toLowerCase();
      const query = parseOrThrow(exportQuerySchema, req.query, "query");
      const userId = principalOf(res).user.id;
      const { job } = await withRetryAfter(res, () => startPdfExport(ctx, roomId, userId, query));
      res.status(202).json({ job });
    },
  );
  route(
    router,
    docs,
    {
      method: "get",
      path: "/api/export-jobs/:jobId",
      summary:
        "A PDF export job: state (queued | running | done | failed), progress in blocks of the text, error when failed, fileUrl when done. Kept an hour after it ends; 404 (and the job stopped) once its starter has left the room or their role changed what they may read",
      tag: "exports",
      auth: true,
      response: exportJobResponse,
    },
    requireUser(ctx),
    async (req, res) => {
      const job = await readExportJob(ctx, principalOf(res).user.id, jobIdOf(req));
      res.setHeader("Cache-Control", "no-store");
      res.json({ job });
    },
  );
  route(
    router,
    docs,
    {
      method: "get",
      path: "/api/export-jobs/:jobId/file",
      summary:
        "The PDF of a done export job (409 while it is being built or when it failed; 404 as the job's status)",
      tag: "exports",
      auth: true,
      download: ["application/pdf"],
    },
    requireUser(ctx),
    async (req, res) => {
      await sendExportFile(req, res, await exportJobFile(ctx, principalOf(res).user.id, jobIdOf(req)));
    },
  );
  route(
    router,
    docs,
    {
      method: "delete",
      path: "/api/export-jobs/:jobId",
      summary:
        "Cancels a PDF export job (its starter only): stops building it if it is queued or running, deletes its file, and frees its place in the limit of two. 204; 404 as the job's status",
      tag: "exports",
      auth: true,
      status: 204,
    },
    requireUser(ctx),
    async (req, res) => {
      await cancelExportJob(ctx, principalOf(res).user.id, jobIdOf(req));
      res.status(204).end();
    },
  );
  return router;
}
