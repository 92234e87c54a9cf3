// Starts a PDF export as a job: the same authorization, filters and errors as every export, then the job queue.
import type { ExportJob, ExportQuery } from "../../../shared/schemas/exports.ts";
import { AppError } from "../../domain/app-error.ts";
import type { ServiceContext } from "../context.ts";
import { prepareRoomExport, viewerOf } from "./export-room.ts";

/**
 * Queues the PDF of the room's discussion for `userId`; the job's view (state "queued"). Errors: 400 naming the
 * field (format other than pdf, or exportRoom's), 404 for a room the user is not in, 429 (export-jobs.ts).
 */
export async function startPdfExport(
  ctx: ServiceContext,
  roomId: string,
  userId: string,
  query: ExportQuery,
): Promise<ExportJob> {
  if (query.format !== "pdf") {
    const message = "must be pdf: the other formats download at once (GET /api/rooms/:roomId/export)";
    throw new AppError("validation_failed", `Invalid request: format ${message}.`, [
      { field: "format", message },
    ]);
  }
  const prepared = await prepareRoomExport(ctx, roomId, await viewerOf(ctx, roomId, userId), query);
  return ctx.exportJobs.start(userId, prepared, query.layout);
}
