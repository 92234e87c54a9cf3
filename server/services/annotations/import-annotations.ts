// Imports a file of annotations (W3C Web Annotations or a Hypothesis export) into a room: anchors each thread by its
// quote in the room's text, and creates threads and replies through the ordinary mutation path under ids derived
// from the room and each annotation's key, so that importing the same file again creates nothing.
import { createHash } from "node:crypto";
import { outlineBlocks } from "../../../shared/document-outline.ts";
import { limits } from "../../../shared/limits.ts";
import type { CommentRecord, RoomScope, ThreadRecord } from "../../../shared/room-doc.ts";
import type { ImportReport } from "../../../shared/schemas/annotation-import.ts";
import { createCommentSchema, tagSchema } from "../../../shared/schemas/threads.ts";
import {
  findDocumentTitles,
  findMembersByEmail,
  findRoomEntries,
  type ExistingEntry,
} from "../../data/annotation-import.ts";
import { insertComment, insertThread } from "../../data/discussion-rows.ts";
import { loadBlocks } from "../../data/documents.ts";
import { loadExportHead } from "../../data/room-export.ts";
import type { Anchoring, TextBlock } from "../../domain/annotations/anchor-quote.ts";
import { checkDate } from "../../domain/annotations/import-dates.ts";
import { exportedUuid, importedId } from "../../domain/annotations/import-ids.ts";
import { localDocumentId, otherDocument } from "../../domain/annotations/other-document.ts";
import { nearestKept } from "../../domain/annotations/reply-parent.ts";
import { idOfKey, labelOf, type SourceAnnotation } from "../../domain/annotations/source-annotation.ts";
import { importedLabel } from "../../domain/shown-author.ts";
import { validateAnchor } from "../../domain/anchors.ts";
import { AppError } from "../../domain/app-error.ts";
import { authorize } from "../../domain/policies.ts";
import type { ServiceContext } from "../context.ts";
import { loadRoomActor, type RoomActor } from "../threads/load-room-actor.ts";
import { checkWriteTerms } from "../threads/write-terms.ts";
import { runMutation } from "../threads/run-mutation.ts";
import { prepareInWorker } from "./prepare-in-worker.ts";

/** Where an annotation of the file lives in the room: its id, its thread's id and the document holding it. */
interface Placed {
  id: string;
  threadId: string;
  scope: RoomScope;
}

/** Longest imported author name kept; the rest is cut. */
const authorNameMax = 100;

/**
 * Checks that `userId` may import into `roomId` (owners and instructors); 404 outside the group, 403 otherwise, 409
 * when the room is archived.
 */
export async function authorizeImport(
  ctx: ServiceContext,
  roomId: string,
  userId: string,
): Promise<RoomActor> {
  const actor = await loadRoomActor(ctx, roomId, userId);
  authorize(actor, "room.importAnnotations");
  // An archived room is refused before the file is read, not after its annotations are anchored.
  await checkWriteTerms(ctx, { roomId, userId }, ctx.now());
  return actor;
}

/** Everything one import run needs to create an annotation. */
interface Run {
  ctx: ServiceContext;
  actor: RoomActor;
  members: Map<string, { userId: string; displayName: string }>;
  report: ImportReport;
}

/**
 * A thread or reply as its author stands in the room: under a member matched by e-mail, else under the importer;
 * either way marked imported (domain/shown-author.ts), so that nobody's own words can be forged by a file.
 */
function authorship(run: Run, annotation: SourceAnnotation) {
  const member = annotation.author.email ? run.members.get(annotation.author.email) : undefined;
  const name = member?.displayName ?? (annotation.author.name.trim().slice(0, authorNameMax) || "unknown");
  return {
    authorId: member?.userId ?? run.actor.userId,
    authorName: importedLabel(name),
    importedAuthorName: name,
  };
}

/**
 * Times as the source gives them; a date that is not one, lies in the future or before year 1 gives way to the
 * import time (created) or to none (modified), with a warning. An edit counts only a second after the creation.
 */
function timesOf(run: Run, annotation: SourceAnnotation) {
  const now = run.ctx.now();
  const checked = (field: "created" | "modified") => {
    const result = checkDate(annotation[field], now);
    if (result && "problem" in result)
      run.report.warnings.push({
        source: annotation.label,
        message: `its ${field} date ${result.problem}: ${field === "created" ? "the import time was used instead" : "left out"}`,
      });
    return result && "date" in result ? result.date : null;
  };
  const created = checked("created") ?? now;
  const modified = checked("modified");
  const edited = modified && modified.getTime() - created.getTime() > 1_000 ? modified : null;
  return { created, edited };
}

/** The body Scholia can hold, or why not. */
function bodyOf(annotation: SourceAnnotation): { body: string } | { reason: string } {
  if (annotation.body.trim() === "")
    return {
      reason: "it has no words (a highlight or a bare tag): a Scholia thread or reply needs a comment",
    };
  const parsed = createCommentSchema.shape.body.safeParse(annotation.body);
  return parsed.success
    ? { body: parsed.data }
    : { reason: `its body ${parsed.error.issues[0]!.message} (limit ${limits.bodyMax} characters)` };
}

function tagsOf(run: Run, annotation: SourceAnnotation): string[] {
  const kept = new Set<string>();
  for (const tag of annotation.tags) {
    const parsed = tagSchema.safeParse(tag);
    if (parsed.success && kept.size < limits.tagsPerThread) kept.add(parsed.data);
    else
      run.report.warnings.push({
        source: annotation.label,
        message: `tag ${JSON.stringify(tag.slice(0, 60))} left out: ${parsed.success ? `more than ${limits.tagsPerThread} tags` : parsed.error.issues[0]!.message}`,
      });
  }
  return [...kept];
}

/** A mutation's fingerprint: the same for every import of the same annotation into the same room. */
const fingerprintOf = (id: string) => createHash("sha256").update(`annotation-import\n${id}`).digest("hex");

/**
 * Commits one creation. A concurrent import of the same file that got there first leaves a record under the
 * same key (or the same id): that is "already imported", not a failure.
 */
async function commit(
  run: Run,
  annotation: SourceAnnotation,
  request: { id: string; scope: RoomScope },
  change: Parameters<typeof runMutation>[2],
): Promise<boolean> {
  try {
    const outcome = await runMutation(
      run.ctx,
      {
        roomId: run.actor.room.id,
        userId: run.actor.userId,
        key: request.id,
        fingerprint: fingerprintOf(request.id),
        scope: request.scope,
        status: 201,
      },
      change,
    );
    if (!outcome.replayed) return true;
  } catch (error) {
    if (
      !(error instanceof AppError) ||
      !["conflict", "idempotency_key_reused", "id_taken"].includes(error.code)
    )
      throw error;
  }
  run.report.skipped.push({ source: annotation.label, reason: "it was already imported into this room" });
  return false;
}

async function createThread(
  run: Run,
  annotation: SourceAnnotation,
  id: string,
  blocks: readonly TextBlock[],
  anchoring: Anchoring | undefined,
): Promise<Placed | undefined> {
  const { report } = run;
  if (!annotation.quote) {
    report.skipped.push({
      source: annotation.label,
      reason: "it selects no passage of text (no TextQuoteSelector): nothing to anchor it to",
    });
    return undefined;
  }
  const body = bodyOf(annotation);
  if ("reason" in body) {
    report.skipped.push({ source: annotation.label, reason: body.reason });
    return undefined;
  }
  if (!anchoring) throw new Error(`No anchoring was prepared for ${annotation.label}.`);
  if ("detached" in anchoring) {
    report.detached.push({
      source: annotation.label,
      quote: annotation.quote.exact.slice(0, 500),
      reason: anchoring.detached,
    });
    return undefined;
  }
  const block = blocks.find((candidate) => candidate.anchorId === anchoring.anchor.blockId)!;
  const anchor = validateAnchor(anchoring.anchor, block.text);
  if (anchoring.fuzzy)
    report.warnings.push({
      source: annotation.label,
      message: `anchored to a close match of its quote: "${(anchor.exact ?? block.text).slice(0, 200)}"`,
    });
  const author = authorship(run, annotation);
  const { created, edited } = timesOf(run, annotation);
  const visibility = annotation.visibility;
  const thread: ThreadRecord = {
    id,
    anchor,
    authorId: author.authorId,
    authorName: author.authorName,
    createdAt: created.toISOString(),
    body: body.body,
    tags: tagsOf(run, annotation),
    status: annotation.status,
    resolvedBy:
      annotation.status === "resolved"
        ? { id: run.actor.userId, name: run.actor.displayName, at: (edited ?? created).toISOString() }
        : null,
    visibility,
    editedAt: edited?.toISOString() ?? null,
    deleted: false,
    hidden: null,
  };
  const isNew = await commit(run, annotation, { id, scope: visibility }, (doc) => {
    if (doc.thread(id)) throw new AppError("conflict", "This annotation was already imported.");
    doc.putThread(thread);
    return {
      response: { thread: { id } },
      persist: (tx) =>
        insertThread(tx, {
          id,
          roomId: run.actor.room.id,
          visibility,
          anchor,
          authorId: author.authorId,
          body: thread.body,
          tags: thread.tags,
          createdAt: created,
          imported: {
            status: thread.status,
            editedAt: edited,
            importedAuthorName: author.importedAuthorName,
          },
        }),
    };
  });
  if (isNew) report.created.threads += 1;
  return { id, threadId: id, scope: visibility };
}

async function createReply(
  run: Run,
  annotation: SourceAnnotation,
  id: string,
  parent: Placed,
): Promise<Placed | undefined> {
  const body = bodyOf(annotation);
  if ("reason" in body) {
    run.report.skipped.push({ source: annotation.label, reason: body.reason });
    return undefined;
  }
  const author = authorship(run, annotation);
  const { created, edited } = timesOf(run, annotation);
  const comment: CommentRecord = {
    id,
    threadId: parent.threadId,
    parentId: parent.id === parent.threadId ? null : parent.id,
    authorId: author.authorId,
    authorName: author.authorName,
    body: body.body,
    createdAt: created.toISOString(),
    editedAt: edited?.toISOString() ?? null,
    deleted: false,
    hidden: null,
  };
  const done = await commit(run, annotation, { id, scope: parent.scope }, (doc) => {
    if (doc.comment(id)) throw new AppError("conflict", "This annotation was already imported.");
    if (!doc.thread(parent.threadId)) throw new AppError("conflict", "The thread replied to is gone.");
    doc.putComment(comment);
    return {
      response: { comment: { id } },
      persist: (tx) =>
        insertComment(tx, {
          id,
          threadId: comment.threadId,
          parentId: comment.parentId,
          authorId: author.authorId,
          body: comment.body,
          createdAt: created,
          imported: { editedAt: edited, importedAuthorName: author.importedAuthorName },
        }),
    };
  });
  if (done) run.report.created.replies += 1;
  return { id, threadId: parent.threadId, scope: parent.scope };
}

/** The room's blocks with where each starts in the whole text (blocks joined by "\n\n", as the export counts). */
async function textBlocks(ctx: ServiceContext, versionId: string): Promise<TextBlock[]> {
  let offset = 0;
  return outlineBlocks(await loadBlocks(ctx.db, versionId)).map(({ block }) => {
    const entry = { anchorId: block.anchorId, text: block.text, offset };
    offset += block.text.length + 2;
    return entry;
  });
}

/** A short excerpt of words, for a reason given in the report. */
const excerpt = (words: string) => labelOf(0, words).replace(/^annotation 0 \(|\)$/gu, "");

/**
 * Why an annotation already in the room is left out: this room's own export brought back, the same annotation
 * imported before, or another annotation that reuses an id imported before (the W3C examples' `anno1`…). Not
 * created again under a new id: importing a file twice must create nothing twice, and an id is the only mark of
 * "the same annotation" that survives edits.
 */
function alreadyHere(annotation: SourceAnnotation, found: ExistingEntry, own: boolean): string {
  if (own) return "it is already in this room";
  if (found.body === annotation.body.trim() || found.body === annotation.body)
    return "an annotation with this id and these words was imported before: left out";
  return (
    `an annotation with this id was imported before, with other words (${excerpt(found.body)}): left out — ` +
    "the file reuses an id; give this annotation an id of its own to import it"
  );
}

/** Warns, once for the file, when an annotation plainly names another document than the room's. */
async function warnOtherDocument(run: Run, annotations: readonly SourceAnnotation[]): Promise<void> {
  const head = await loadExportHead(run.ctx.db, run.actor.room.id);
  if (!head) return;
  const room = { documentId: head.documentId, title: head.title, publicUrl: run.ctx.publicUrl };
  const named = new Set(annotations.flatMap((a) => localDocumentId(a.document?.uri, room.publicUrl) ?? []));
  const titles = await findDocumentTitles(run.ctx.db, [...named].slice(0, 100));
  for (const annotation of annotations) {
    const other = otherDocument(annotation.document, room, titles);
    if (!other) continue;
    run.report.warnings.push({
      source: annotation.label,
      message: `${other}: is this file about another text? Its quotes were looked for in this one all the same (said once for the file)`,
    });
    return;
  }
}

/**
 * Imports the annotations of `text` (the file's contents) into the room and reports what happened to each: created,
 * detached (quote not found, or not found in one place only), or skipped with the reason; warnings for what was
 * created with something changed. Errors: 404 outside the group, 403 for members and observers, 400 (field
 * "file") for a file that is empty, not JSON, too deep or large, or neither format.
 */
export async function importAnnotations(
  ctx: ServiceContext,
  roomId: string,
  userId: string,
  text: string,
): Promise<ImportReport> {
  const actor = await authorizeImport(ctx, roomId, userId);
  const blocks = await textBlocks(ctx, actor.room.versionId);
  const reading = await prepareInWorker(text, blocks);
  const anchorings = new Map(reading.anchorings);
  const report: ImportReport = {
    format: reading.format,
    created: { threads: 0, replies: 0 },
    detached: [],
    skipped: [...reading.skipped],
    warnings: [],
  };
  const annotations: SourceAnnotation[] = [];
  const inFile = new Map<string, SourceAnnotation>();
  // Keys settled as not created: replies below them go to their nearest created ancestor.
  const dropped = new Set<string>();
  for (const annotation of reading.annotations) {
    if (inFile.has(annotation.key)) {
      report.skipped.push({
        source: annotation.label,
        reason: `the file holds it twice; the first (${inFile.get(annotation.key)!.label}) was taken`,
      });
      continue;
    }
    inFile.set(annotation.key, annotation);
    if (annotation.unsupported) {
      report.skipped.push({ source: annotation.label, reason: annotation.unsupported });
      dropped.add(annotation.key);
    } else annotations.push(annotation);
  }
  const idOf = new Map(annotations.map((annotation) => [annotation.key, importedId(roomId, annotation.key)]));
  const own = annotations.flatMap((annotation) => exportedUuid(annotation.key) ?? []);
  const existing = new Map(
    (await findRoomEntries(ctx.db, roomId, [...idOf.values(), ...own])).map((entry) => [entry.id, entry]),
  );
  const emails = [...new Set(annotations.flatMap((annotation) => annotation.author.email ?? []))];
  const run: Run = {
    ctx,
    actor,
    members: await findMembersByEmail(ctx.db, actor.room.groupId, emails),
    report,
  };
  await warnOtherDocument(run, annotations);
  const placed = new Map<string, Placed>();
  const pending: SourceAnnotation[] = [];
  for (const annotation of annotations) {
    // Already here: this room's own export brought back, or an earlier import under the same id.
    const ownEntry = existing.get(exportedUuid(annotation.key) ?? "");
    const found = ownEntry ?? existing.get(idOf.get(annotation.key)!);
    if (found) {
      placed.set(annotation.key, { id: found.id, threadId: found.threadId, scope: found.visibility });
      report.skipped.push({ source: annotation.label, reason: alreadyHere(annotation, found, !!ownEntry) });
    } else pending.push(annotation);
  }
  // Threads first, then replies a generation at a time, each generation at once (the mutation path commits
  // concurrent creations together).
  await Promise.all(
    pending
      .filter((annotation) => annotation.parentKey === null)
      .map(async (annotation) => {
        const where = await createThread(
          run,
          annotation,
          idOf.get(annotation.key)!,
          blocks,
          anchorings.get(annotation.key),
        );
        if (where) placed.set(annotation.key, where);
        else dropped.add(annotation.key);
      }),
  );
  const progress = {
    inFile,
    isPlaced: (key: string) => placed.has(key),
    isDropped: (key: string) => dropped.has(key),
  };
  let waiting = pending.filter((annotation) => annotation.parentKey !== null);
  for (;;) {
    const ready = waiting.flatMap((annotation) => {
      const found = nearestKept(annotation, progress);
      return "parentKey" in found ? [{ annotation, ...found }] : [];
    });
    if (ready.length === 0) break;
    waiting = waiting.filter((annotation) => !ready.some((entry) => entry.annotation === annotation));
    await Promise.all(
      ready.map(async ({ annotation, parentKey, passed }) => {
        const parent = placed.get(parentKey)!;
        if (passed.length > 0) {
          const to = parent.id === parent.threadId ? "the thread" : inFile.get(parentKey)!.label;
          report.warnings.push({
            source: annotation.label,
            message: `the annotation it replies to (${passed[0]!.label}) was not created (see its entry); attached to ${to} instead`,
          });
        }
        const where = await createReply(run, annotation, idOf.get(annotation.key)!, parent);
        if (where) placed.set(annotation.key, where);
        else dropped.add(annotation.key);
      }),
    );
  }
  for (const annotation of waiting) {
    const found = nearestKept(annotation, {
      ...progress,
      isDropped: (key) => dropped.has(key) || inFile.has(key),
    });
    report.skipped.push({
      source: annotation.label,
      reason:
        "threadLost" in found
          ? `the thread it belongs to (${found.threadLost.label}) was not created (see its entry)`
          : "missing" in found
            ? `the annotation it replies to (id ${idOfKey(found.missing).slice(0, 200)}) is not in the file`
            : "its replies form a loop in the file",
    });
  }
  return report;
}
