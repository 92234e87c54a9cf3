// Exports a room's discussion: authorizes, picks the blocks and threads asked for, and streams them through a
// formatter, one batch of blocks at a time, so memory stays bounded however large the room.
import { setImmediate as yieldToEventLoop } from "node:timers/promises";
import { hiddenUntilPostedNotice } from "../../../shared/hide-until-posted.ts";
import { readPrivateNotes } from "../../../shared/private-notes.ts";
import { outlineBlocks, type BlockPlace } from "../../../shared/document-outline.ts";
import { groupBy } from "../../../shared/group-by.ts";
import { limits } from "../../../shared/limits.ts";
import { mentionedUserIds } from "../../../shared/mentions.ts";
import { matchesWords } from "../../../shared/search-words.ts";
import { readerPath } from "../../../shared/reader-path.ts";
import type { ExportFormat, ExportLayout, ExportQuery } from "../../../shared/schemas/exports.ts";
import { loadBlocks } from "../../data/documents.ts";
import { loadNoteUpdates } from "../../data/note-updates.ts";
import {
  countExportEntries,
  countReactions,
  listExportComments,
  listExportThreads,
  loadExportHead,
  loadRoles,
  loadThreadListing,
  type ExportThreadFilter,
} from "../../data/room-export.ts";
import { searchThreadIds } from "../../data/thread-search.ts";
import { findMemberNames } from "../../data/users.ts";
import { AppError, forbidden, notFound } from "../../domain/app-error.ts";
import { batchByCost } from "../../domain/export/batches.ts";
import { collectGarbageInBackground } from "./collect-garbage.ts";
import { formatCsv } from "../../domain/export/csv.ts";
import {
  byPosition,
  positionOf,
  quoteOf,
  replyTree,
  toEntry,
  type BlockDiscussion,
  type EntryContext,
  type ExportHead,
  type ExportReply,
  type ExportThread,
} from "../../domain/export/discussion.ts";
import { formatHtml } from "../../domain/export/html.ts";
import { formatJsonLd, type AnnotationSource } from "../../domain/export/jsonld.ts";
import { formatMarkdown } from "../../domain/export/markdown.ts";
import { can } from "../../domain/policies.ts";
import { isListed, readableVisibilities } from "../../domain/visibility.ts";
import type { ServiceContext } from "../context.ts";
import { loadRoomActor } from "../threads/load-room-actor.ts";
import { loadVeil } from "../threads/load-veil.ts";
import { seenThrough } from "../../domain/hide-until-posted.ts";

/**
 * Threads and replies read per batch. A batch is read, built and written in one go on the event loop: this bounds
 * both the memory an export holds and how long other requests wait behind it (a few tens of ms on a busy machine;
 * bench/exports.ts). A block with more is read alone.
 */
const entriesPerBatch = 150;
/** Batches between two forced garbage collections (collect-garbage.ts): a few thousand threads and replies. */
const batchesPerCollection = 16;
/** Blocks per batch at most, with or without discussion (the annotated layout writes their text too). */
const blocksPerBatch = 200;

/** How an export reads the room: how much at a time (tests make batches tiny to cross many batch boundaries). */
export interface BatchSize {
  entries: number;
  blocks: number;
}

/** The Content-Type of each format's file. */
export const contentTypes: Record<ExportFormat, string> = {
  md: "text/markdown; charset=utf-8",
  html: "text/html; charset=utf-8",
  pdf: "application/pdf",
  csv: "text/csv; charset=utf-8",
  jsonld: 'application/ld+json; profile="http://www.w3.org/ns/anno.jsonld"',
};

const formatters: Record<
  ExportFormat,
  (
    head: ExportHead,
    blocks: AsyncIterable<BlockDiscussion>,
    query: ExportQuery,
    source: AnnotationSource,
  ) => AsyncIterable<string | Buffer>
> = {
  md: (head, blocks, query) => formatMarkdown(head, blocks, query.layout),
  html: (head, blocks, query) => formatHtml(head, blocks, query.layout),
  // Drawn on this thread: for the command line. The server builds PDFs on worker threads (export-jobs.ts).
  pdf: (head, blocks, query) => drawPdf(head, blocks, query.layout),
  csv: (head, blocks, query) => formatCsv(head, blocks, { bom: query.bom }),
  jsonld: (head, blocks, _query, source) => formatJsonLd(head, blocks, source),
};

/** The PDF drawn here, with pdfkit and its fonts loaded only then (they cost the server's start ~150 ms). */
async function* drawPdf(head: ExportHead, blocks: AsyncIterable<BlockDiscussion>, layout: ExportLayout) {
  const { formatPdf } = await import("../../domain/export/pdf.ts");
  yield* formatPdf(head, blocks, layout);
}

export interface RoomExport {
  fileName: string;
  contentType: string;
  body: AsyncIterable<string | Buffer>;
}

/** Parts of a file name: letters (with their marks) and digits of any script kept, everything else one hyphen. */
export function slug(text: string): string {
  const words = text.normalize("NFC").match(/[\p{L}\p{M}\p{N}]+/gu) ?? [];
  // Cut by code points: a cut inside a surrogate pair makes a name no header can carry.
  const cut = Array.from(words.join("-").toLowerCase()).slice(0, 80).join("");
  return cut.replace(/-+$/u, "") || "document";
}

function invalid(field: string, message: string): AppError {
  return new AppError("validation_failed", `Invalid request: ${field} ${message}.`, [{ field, message }]);
}

/** The blocks the query covers, in reading order: all, one block, one section, or a range (each end a block id). */
function selectPlaces(places: BlockPlace[], query: ExportQuery): BlockPlace[] {
  const indexOf = (field: "blockId" | "section" | "fromBlock" | "toBlock", id: string) => {
    const index = places.findIndex((place) => place.block.anchorId === id);
    if (index < 0) throw invalid(field, "is not a block of this room's text");
    return index;
  };
  let from = query.fromBlock ? indexOf("fromBlock", query.fromBlock) : 0;
  let to = query.toBlock ? indexOf("toBlock", query.toBlock) : places.length - 1;
  if (from > to) throw invalid("toBlock", "comes before fromBlock in the text");
  if (query.blockId) {
    const only = indexOf("blockId", query.blockId);
    from = Math.max(from, only);
    to = Math.min(to, only);
  }
  if (query.section) {
    const start = indexOf("section", query.section);
    if (places[start]!.block.kind !== "heading") throw invalid("section", "is not a heading");
    const next = places.findIndex((place, i) => i > start && place.block.kind === "heading");
    from = Math.max(from, start);
    to = Math.min(to, next < 0 ? places.length - 1 : next - 1);
  }
  return places.slice(from, to + 1);
}

/** A date alone covers its whole day (UTC): `since` its first instant, `until` its last. */
export function instant(value: string | undefined, end: boolean): Date | null {
  if (value === undefined) return null;
  if (/^\d{4}-\d{2}-\d{2}$/u.test(value))
    return new Date(`${value}T${end ? "23:59:59.999" : "00:00:00.000"}Z`);
  return new Date(value);
}

function statusFilter(query: ExportQuery): string | null {
  if (query.status === "resolved" && !query.includeResolved)
    throw invalid("includeResolved", "is false while status asks for resolved threads");
  return query.status ?? (query.includeResolved ? null : "open");
}

/** Who an export is for: what they may read, whose private notes, and the name the file says exported it. */
export interface ExportViewer {
  /** Null for an administrator at the command line, who has no private notes. */
  userId: string | null;
  displayName: string;
  /** Reads instructor-only threads and hidden words (instructors and owners; administrators). */
  moderator: boolean;
  /** Whose words the file holds (a member's discussion section: their veil), or null for everyone's. */
  authorIds: string[] | null;
}

/**
 * What `viewer` may read, as one comparable string: whether they moderate, and whose words their veil lets through.
 * A PDF job is keyed and re-checked by it, so a move to another section neither joins nor keeps a file of the old.
 */
export function viewOf(viewer: ExportViewer): string {
  return JSON.stringify([viewer.moderator, viewer.authorIds && [...viewer.authorIds].sort()]);
}

/** What building an export needs of the server: the database, its public address (for links), and a clock. */
export type ExportDeps = Pick<ServiceContext, "db" | "now" | "publicUrl">;

/**
 * The room's discussion in `query.format`, streamed. Every member may export, and gets exactly what they may read
 * (domain/visibility.ts). Errors: 404 for a room the user is not in; 400 naming the field as buildRoomExport says.
 */
export async function exportRoom(
  ctx: ServiceContext,
  roomId: string,
  userId: string,
  query: ExportQuery,
): Promise<RoomExport> {
  return buildRoomExport(ctx, roomId, await viewerOf(ctx, roomId, userId), query);
}

/**
 * The member `userId` as an export's viewer. Errors: 404 for a room they are not in; 403 while the room hides the
 * class's threads from them until they start one (every format, PDF jobs included, goes through here).
 */
export async function viewerOf(ctx: ServiceContext, roomId: string, userId: string): Promise<ExportViewer> {
  const actor = await loadRoomActor(ctx, roomId, userId);
  const veil = await loadVeil(ctx, actor);
  // Refused whole rather than filtered: a veiled reader has no thread of their own here yet, and a file of the
  // rest is the very thing the setting withholds. A discussion section alone filters the file to the section.
  if (veil?.untilPosted) throw forbidden(`${hiddenUntilPostedNotice} Export the room then.`);
  return {
    userId,
    displayName: actor.displayName,
    moderator: can(actor, "room.readInstructorNotes"),
    authorIds: veil?.authorIds ?? null,
  };
}

/** What an export holds before a format writes it: its file name, its heading, and its blocks to read. */
export interface PreparedExport {
  fileName: string;
  head: ExportHead;
  /** Read a batch at a time as they are iterated (the first batch already read). */
  blocks: AsyncIterable<BlockDiscussion>;
  /** How many blocks of the text the export covers (a PDF job's progress counts them). */
  blockCount: number;
  /** Where the room's text is, for the W3C format's targets. */
  source: AnnotationSource;
}

/**
 * The export for `viewer`, who has already been authorized. Errors: 404 for a room that does not exist; 400 naming
 * the field for a block or thread not in the room, a range backwards, contradictory filters, or private notes asked
 * for with no user to own them.
 */
export async function buildRoomExport(
  deps: ExportDeps,
  roomId: string,
  viewer: ExportViewer,
  query: ExportQuery,
  batchSize: BatchSize = { entries: entriesPerBatch, blocks: blocksPerBatch },
): Promise<RoomExport> {
  const prepared = await prepareRoomExport(deps, roomId, viewer, query, batchSize);
  return {
    fileName: prepared.fileName,
    contentType: contentTypes[query.format],
    body: formatters[query.format](prepared.head, prepared.blocks, query, prepared.source),
  };
}

/** Reads what the export covers for `viewer`, as buildRoomExport; the same errors. */
export async function prepareRoomExport(
  deps: ExportDeps,
  roomId: string,
  viewer: ExportViewer,
  query: ExportQuery,
  batchSize: BatchSize = { entries: entriesPerBatch, blocks: blocksPerBatch },
): Promise<PreparedExport> {
  const head = await loadExportHead(deps.db, roomId);
  if (!head) throw notFound("Room");
  if (query.includeNotes && viewer.userId === null)
    throw invalid("includeNotes", "needs a signed-in user: private notes belong to one reader");
  const outline = outlineBlocks(await loadBlocks(deps.db, head.versionId));
  const places = selectPlaces(outline, query);
  const since = instant(query.since, false);
  const until = instant(query.until, true);
  if (since && until && since > until) throw invalid("until", "is before since");
  const filter: Omit<ExportThreadFilter, "blockIds"> = {
    roomId,
    visibilities: readableVisibilities(viewer.moderator).filter(
      (v) => !query.visibility || v === query.visibility,
    ),
    authorId: query.authorId ?? null,
    tag: query.tag?.toLowerCase() ?? null,
    status: statusFilter(query),
    since,
    until,
    ids: await threadIds(deps, roomId, query, readableVisibilities(viewer.moderator), viewer.authorIds),
    authorIds: viewer.authorIds,
  };
  const exportedAt = deps.now();
  const exportHead: ExportHead = {
    title: head.title,
    author: head.author,
    groupName: head.groupName,
    versionNumber: head.versionNumber,
    exportedAt,
    exportedBy: viewer.displayName,
    scope: query.threadId ? "thread" : "discussion",
    threadUrl: (threadId) => `${deps.publicUrl}${readerPath(head.groupId, roomId, threadId)}`,
  };
  const roles = await loadRoles(deps.db, head.groupId);
  const notes =
    query.includeNotes && viewer.userId !== null
      ? readPrivateNotes(await loadNoteUpdates(deps.db, roomId, viewer.userId))
      : new Map<string, string>();
  const blocks = await discussionOf(deps, places, filter, batchSize, {
    moderator: viewer.moderator,
    roles,
    groupId: head.groupId,
    match: query.match,
    notes,
  });
  const date = exportedAt.toISOString().slice(0, 10);
  const kind =
    query.format === "csv" ? "discussion" : query.format === "jsonld" ? "annotations" : query.layout;
  const name = `${slug(head.title)}-${kind}-${date}.${query.format}`;
  const source: AnnotationSource = {
    collectionId: `${deps.publicUrl}/api/rooms/${roomId}/export?format=jsonld`,
    sourceIri: `${deps.publicUrl}/api/documents/${head.documentId}/versions/${head.versionNumber}`,
    blockOffsets: blockOffsets(outline),
  };
  return { fileName: name, head: exportHead, blocks, blockCount: places.length, source };
}

/**
 * The threads the query narrows to by id (its search, its one thread), or null when it does not. A thread the viewer
 * may not read is refused exactly like one that does not exist, so that asking reveals nothing.
 */
async function threadIds(
  deps: ExportDeps,
  roomId: string,
  query: ExportQuery,
  visibilities: string[],
  authorIds: string[] | null,
): Promise<string[] | null> {
  const found = query.q ? await searchThreadIds(deps.db, roomId, query.q, authorIds ?? undefined) : null;
  if (!query.threadId) return found;
  const id = query.threadId.toLowerCase();
  const listing = await loadThreadListing(deps.db, roomId, id);
  // The visibility rule itself (domain/visibility.ts), not a copy of it in SQL; the veil's (hide-until-posted.ts).
  if (
    !listing ||
    !visibilities.includes(listing.visibility) ||
    !isListed(listing, listing.replyCount) ||
    !seenThrough(authorIds ? { authorIds, untilPosted: false } : undefined, listing.authorId)
  )
    throw invalid("threadId", "is not a thread of this room that you can read");
  return found === null || found.includes(id) ? [id] : [];
}

/** Where each block starts in the version's whole text: blocks in reading order joined by "\n\n" (jsonld.ts). */
function blockOffsets(outline: BlockPlace[]): Map<string, number> {
  const offsets = new Map<string, number>();
  let offset = 0;
  for (const { block } of outline) {
    offsets.set(block.anchorId, offset);
    offset += block.text.length + 2;
  }
  return offsets;
}

/** Who reads (may they read hidden words, members' roles) and the reader's words filter, if any. */
type Viewer = Pick<EntryContext, "moderator" | "roles"> & {
  /** The room's group: mentions are written with names only of its members. */
  groupId: string;
  match: string | undefined;
  /** The requester's private notes by block id (empty unless asked for). */
  notes: ReadonlyMap<string, string>;
};

/** Reads the discussion of one batch of blocks: their listed threads with reply trees, in reading order. */
async function readBatch(
  deps: ExportDeps,
  batch: BlockPlace[],
  filter: Omit<ExportThreadFilter, "blockIds">,
  viewer: Viewer,
): Promise<BlockDiscussion[]> {
  const { match } = viewer;
  const threadRows = (
    await listExportThreads(deps.db, { ...filter, blockIds: batch.map((place) => place.block.anchorId) })
  ).filter((row) => isListed(row, row.replyCount));
  const commentRows = await listExportComments(
    deps.db,
    threadRows.map((row) => row.id),
    filter.authorIds,
  );
  const reactions = await countReactions(
    deps.db,
    filter.roomId,
    [...threadRows.map((row) => row.id), ...commentRows.map((row) => row.id)],
    filter.authorIds,
  );
  const mentioned = mentionedUserIds([...threadRows, ...commentRows].map((row) => row.body).join("\n"));
  const names = await findMemberNames(
    deps.db,
    mentioned.map((userId) => ({ groupId: viewer.groupId, userId })),
  );
  const context: EntryContext = {
    moderator: viewer.moderator,
    roles: viewer.roles,
    reactions,
    emojiOrder: limits.reactions,
    names: names.get(viewer.groupId) ?? new Map(),
  };
  const commentsByThread = groupBy(commentRows, (row) => row.threadId);
  const threadsByBlock = groupBy(threadRows, (row) => row.blockId);
  return batch.map((place) => {
    const threads = (threadsByBlock.get(place.block.anchorId) ?? []).map((row) => {
      const replies = commentsByThread.get(row.id) ?? [];
      return {
        ...toEntry(row, row.editedAt, context),
        anchor: row.anchor,
        quote: quoteOf(row.anchor, place.block.text),
        position: positionOf(row.anchor, place.block.text),
        visibility: row.visibility,
        status: row.status,
        tags: row.tags,
        replies: replyTree(replies, context),
        replyCount: replies.length,
      };
    });
    const shown = match ? threads.filter((thread) => matchesWords(searchable(thread), match)) : threads;
    return { place, threads: shown.sort(byPosition), note: viewer.notes.get(place.block.anchorId) ?? null };
  });
}

/**
 * What the reader's words filter searches of a thread: its replies as the requester may read them (their bodies are
 * already "" where deleted, or hidden from a requester who does not moderate).
 */
const searchable = (thread: ExportThread) => ({
  body: thread.body,
  anchor: thread.anchor,
  authorName: thread.author.name,
  tags: thread.tags,
  replies: replyBodies(thread.replies),
});

const replyBodies = (replies: readonly ExportReply[]): string[] =>
  replies.flatMap((reply) => [reply.body, ...replyBodies(reply.replies)]);

/**
 * The blocks with their discussion, a batch at a time (batchByCost over each block's threads and replies), letting
 * other requests in between batches. The first batch is read before this returns, so a failure there is an ordinary
 * error response rather than a download cut short after its heading.
 */
async function discussionOf(
  deps: ExportDeps,
  places: BlockPlace[],
  filter: Omit<ExportThreadFilter, "blockIds">,
  batchSize: BatchSize,
  viewer: Viewer,
): Promise<AsyncIterable<BlockDiscussion>> {
  const entries = await countExportEntries(deps.db, {
    ...filter,
    blockIds: places.map((place) => place.block.anchorId),
  });
  const [first = [], ...rest] = batchByCost(
    places,
    (place) => entries.get(place.block.anchorId) ?? 0,
    batchSize.entries,
    batchSize.blocks,
  );
  const firstRead = await readBatch(deps, first, filter, viewer);
  async function* all(): AsyncGenerator<BlockDiscussion> {
    yield* firstRead;
    for (const [index, batch] of rest.entries()) {
      await yieldToEventLoop();
      if ((index + 1) % batchesPerCollection === 0) await collectGarbageInBackground();
      yield* await readBatch(deps, batch, filter, viewer);
    }
  }
  return all();
}
