// A PDF job's status, file and cancel for its owner, each after their access to the job's room is checked again:
// someone removed from the group, or whose role or discussion section changed what they may read, no longer
// reaches what it holds.
import type { ExportJob } from "../../../shared/schemas/exports.ts";
import { AppError, notFound } from "../../domain/app-error.ts";
import type { ServiceContext } from "../context.ts";
import type { ExportFile } from "./export-jobs.ts";
import { viewerOf, viewOf } from "./export-room.ts";

/**
 * Checks that `userId` still reads the job's room as they did when it started (a member, with the same view:
 * export-room.ts viewOf). When not, stops and forgets their jobs built with what they may no longer read.
 * Errors: 404 for a job that is not theirs, or whose room they lost.
 */
async function checkJobAccess(ctx: ServiceContext, userId: string, jobId: string): Promise<void> {
  const owner = ctx.exportJobs.ownerOf(userId, jobId);
  const view = await currentView(ctx, owner.roomId, userId);
  if (view === owner.view) return;
  await ctx.exportJobs.revoke(userId, owner.roomId, view);
  // As absent as a stranger's job: nothing says it existed.
  throw notFound("Export job");
}

/** What `userId` reads of the room now (export-room.ts viewOf), or undefined when they read it no longer. */
async function currentView(ctx: ServiceContext, roomId: string, userId: string): Promise<string | undefined> {
  try {
    return viewOf(await viewerOf(ctx, roomId, userId));
  } catch (error) {
    if (!lostAccess(error)) throw error;
    return undefined;
  }
}

/**
 * Re-checks a user's jobs as soon as their membership changes (removed, or a new role), and every job owner's when
 * a group's discussion sections change, not only when they next ask: jobs on rooms they no longer read as they did
 * are stopped and forgotten at once. Failures are reported to `onError` (the next request re-checks anyway).
 */
export function watchJobAccess(ctx: ServiceContext, onError: (error: unknown) => void): void {
  const recheck = (userId: string) =>
    Promise.all(
      ctx.exportJobs.roomsOf(userId).map(async ({ roomId, view }) => {
        const now = await currentView(ctx, roomId, userId);
        if (now !== view) await ctx.exportJobs.revoke(userId, roomId, now);
      }),
    ).catch(onError);
  ctx.access.on("membership-changed", ({ userId }) => void recheck(userId));
  // Jobs are few and live an hour at most: every owner is re-checked, whatever group the change was in.
  ctx.access.on("sections-changed", () => {
    for (const userId of ctx.exportJobs.owners()) void recheck(userId);
  });
}

/** Whether viewerOf refused because the user no longer reads the room (gone, or veiled by hide-until-posted). */
function lostAccess(error: unknown): boolean {
  return error instanceof AppError && (error.code === "not_found" || error.code === "forbidden");
}

/** The job as its owner sees it. Errors: 404 as checkJobAccess. */
export async function readExportJob(ctx: ServiceContext, userId: string, jobId: string): Promise<ExportJob> {
  await checkJobAccess(ctx, userId, jobId);
  return ctx.exportJobs.get(userId, jobId);
}

/**
 * The job's finished file. `direct`: for a download that waited for the job (its failure keeps its own status).
 * Errors: 404 as checkJobAccess; export-jobs.ts file()'s.
 */
export async function exportJobFile(
  ctx: ServiceContext,
  userId: string,
  jobId: string,
  direct = false,
): Promise<ExportFile> {
  await checkJobAccess(ctx, userId, jobId);
  return ctx.exportJobs.file(userId, jobId, direct);
}

/** Stops the job (queued or running) and deletes it and its file. Errors: 404 as checkJobAccess. */
export async function cancelExportJob(ctx: ServiceContext, userId: string, jobId: string): Promise<void> {
  await checkJobAccess(ctx, userId, jobId);
  await ctx.exportJobs.cancel(userId, jobId);
}
