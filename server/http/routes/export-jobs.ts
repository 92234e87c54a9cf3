// PDF exports as jobs for the reader: start one, follow its progress, download the file when it is done.
import { Router, type Request } from "express";
import { exportJobResponse, exportQuerySchema } from "../../../shared/schemas/exports.ts";
import type { ServiceContext } from "../../services/context.ts";
import { startPdfExport } from "../../services/exports/start-pdf-export.ts";
import { principalOf, requireUser } from "../middleware/auth.ts";
import { parseOrThrow, uuidParam } from "../middleware/validate.ts";
import type { ApiDocs } from "../openapi.ts";
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
        "Starts building the room's discussion as a PDF (format=pdf; the export's other query parameters as GET /api/rooms/{roomId}/export). Only its starter sees the job; 429 when they already have two being built",
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
      const job = await startPdfExport(ctx, roomId, principalOf(res).user.id, query);
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
        "A PDF export job: state (queued | running | done | failed), progress in blocks of the text, error when failed, fileUrl when done. Kept an hour after it ends",
      tag: "exports",
      auth: true,
      response: exportJobResponse,
    },
    requireUser(ctx),
    (req, res) => {
      res.setHeader("Cache-Control", "no-store");
      res.json({ job: ctx.exportJobs.get(principalOf(res).user.id, jobIdOf(req)) });
    },
  );
  route(
    router,
    docs,
    {
      method: "get",
      path: "/api/export-jobs/:jobId/file",
      summary: "The PDF of a done export job (409 while it is being built or when it failed)",
      tag: "exports",
      auth: true,
      download: ["application/pdf"],
    },
    requireUser(ctx),
    async (req, res) => {
      await sendExportFile(req, res, ctx.exportJobs.file(principalOf(res).user.id, jobIdOf(req)));
    },
  );
  return router;
}
