// Starts a PDF export as a job: the same authorization, filters and errors as every export, then the job queue
// (joining the user's identical job when one is still being built).
import type { ExportQuery } from "../../../shared/schemas/exports.ts";
import { AppError } from "../../domain/app-error.ts";
import type { ServiceContext } from "../context.ts";
import type { StartedJob } from "./export-jobs.ts";
import { prepareRoomExport, viewerOf, viewOf } from "./export-room.ts";

/** What makes two requests the same PDF: the room, what the viewer may read (viewOf), and every query parameter. */
function jobKey(roomId: string, view: string, query: ExportQuery): string {
  const parameters = Object.entries(query).sort(([a], [b]) => (a < b ? -1 : 1));
  return JSON.stringify([roomId, view, parameters]);
}

/**
 * Queues the PDF of the room's discussion for `userId` (or joins their identical job still queued or running); the
 * job's view. `transient`: for one direct download, which releases the job once sent. Errors: 400 naming the field
 * (format other than pdf, or exportRoom's), 404 for a room the user is not in, 429 (export-jobs.ts).
 */
export async function startPdfExport(
  ctx: ServiceContext,
  roomId: string,
  userId: string,
  query: ExportQuery,
  transient = false,
): Promise<StartedJob> {
  if (query.format !== "pdf") {
    const message = "must be pdf: the other formats download at once (GET /api/rooms/:roomId/export)";
    throw new AppError("validation_failed", `Invalid request: format ${message}.`, [
      { field: "format", message },
    ]);
  }
  const viewer = await viewerOf(ctx, roomId, userId);
  const view = viewOf(viewer);
  const key = jobKey(roomId, view, query);
  const request = { userId, roomId, view, key, layout: query.layout, transient };
  return ctx.exportJobs.start(request, () => prepareRoomExport(ctx, roomId, viewer, query));
}
