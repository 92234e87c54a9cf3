// Pure views of a room's threads for the reader: what is shown, in reading order, grouped by block, with highlights.
import type { FailedMutation } from "../../../../shared/room-client/room-client.ts";
import type { CommentRecord, ThreadRecord } from "../../../../shared/room-doc.ts";
import { isBodyText, type Block } from "../../../../shared/schemas/documents.ts";
import { locateAnchor, type HighlightRange } from "../text/anchoring.ts";
import { matchesFilters, type Filters, type RepliesOf } from "./filters.ts";

/**
 * How a record stands in the overlay: a change of it still to be sent (`pending`), and its changes that failed
 * (`failures`, absent when none), its own creation among them when it was never saved.
 */
export interface ViewOverlay {
  pending: boolean;
  failures?: readonly FailedMutation[];
}
/** A thread as the reader shows it: the replica's record, or the user's own not yet acknowledged. */
export type ViewThread = ThreadRecord & ViewOverlay;
/** A reply as the reader shows it. */
export type ViewComment = CommentRecord & ViewOverlay;

/** Where to find blocks of the text: by anchor id, their reading order, and the numbers paragraphs carry. */
export interface BlockIndex {
  byId: ReadonlyMap<string, Block>;
  /** Paragraph numbers from 1, in reading order; other kinds of block have none. */
  paragraphNumber: ReadonlyMap<string, number>;
  /** The block's ordinal, or a number after every block when it is not in this version. */
  ordinalOf(blockId: string): number;
  /** The number of the version these blocks are, when known. */
  version?: number;
}

/** Indexes the blocks of one version (number `version`, when known). */
export function indexBlocks(blocks: readonly Block[], version?: number): BlockIndex {
  const byId = new Map(blocks.map((block) => [block.anchorId, block]));
  const paragraphNumber = new Map<string, number>();
  let n = 0;
  for (const block of blocks) if (isBodyText(block.kind)) paragraphNumber.set(block.anchorId, (n += 1));
  return {
    byId,
    paragraphNumber,
    ordinalOf: (blockId) => byId.get(blockId)?.ordinal ?? 1e9,
    ...(version === undefined ? {} : { version }),
  };
}

/**
 * Whether a thread is detached from the text in `index`: the server said so when the room last moved to a version
 * (its anchor is then the old one, which must not be shown as if it were still right), or its block is not in this
 * text — unless the thread was re-anchored onto a later version than this one, whose text is still on its way.
 */
export function isDetached(thread: ThreadRecord, index: BlockIndex): boolean {
  if (thread.anchorStatus === "detached") return true;
  if (index.byId.has(thread.anchor.blockId)) return false;
  const on = thread.anchorChange?.toVersion ?? thread.version;
  return index.version === undefined || on === undefined || on <= index.version;
}

/** The part of a RoomClient the views read. */
export interface ThreadSource {
  threads(): ViewThread[];
  comments(threadId: string): ViewComment[];
}

/** Whether the reader shows a thread of `source`: all but deleted ones that nobody replied to. */
const isShown = (thread: Pick<ThreadRecord, "id" | "deleted">, source: ThreadSource) =>
  !(thread.deleted && source.comments(thread.id).length === 0);

/** The threads of one room document a reader sees. */
export function shownThreads(source: ThreadSource | null): ViewThread[] {
  if (!source) return [];
  return source.threads().filter((thread) => isShown(thread, source));
}

/** A room document as `findThread` reads it: its threads by id, deleted ones included. */
export interface ThreadStore extends ThreadSource {
  room: { threads: { get(threadId: string): Readonly<ThreadRecord> | undefined } };
}

/**
 * Whether `sources` hold thread `threadId` now: "shown" (the reader shows it), "deleted" (deleted with no replies,
 * so never shown), or null (not there).
 */
export function findThread(
  sources: readonly (ThreadStore | null)[],
  threadId: string,
): "shown" | "deleted" | null {
  for (const source of sources) {
    const thread = source?.room.threads.get(threadId);
    if (thread) return isShown(thread, source!) ? "shown" : "deleted";
  }
  return null;
}

/** What the reader shows of the threads that pass the filters. */
export interface ThreadView {
  /**
   * In reading order: by block, then pinned threads first (they lead their paragraph's margin), then by position in
   * the block (whole-block threads first), then by age.
   */
  visible: ViewThread[];
  byBlock: ReadonlyMap<string, ViewThread[]>;
  /**
   * Threads no longer in the text (see isDetached), after every other in `visible`: kept and listed, never moved
   * to a look-alike passage.
   */
  detached: ViewThread[];
  /** The passages to highlight in each block, tagged with their thread. */
  highlights: ReadonlyMap<string, HighlightRange[]>;
}

/** Filters (searching the bodies `replies` gives), orders and groups `all` threads against the text in `index`. */
export function deriveThreadView(
  all: readonly ViewThread[],
  filters: Filters,
  userId: string,
  index: BlockIndex,
  replies?: RepliesOf,
): ThreadView {
  const detachedIds = new Set(all.filter((thread) => isDetached(thread, index)).map((thread) => thread.id));
  const ordinalOf = (thread: ViewThread) =>
    detachedIds.has(thread.id) ? Number.MAX_SAFE_INTEGER : index.ordinalOf(thread.anchor.blockId);
  const visible = all
    .filter((thread) => matchesFilters(thread, filters, userId, replies))
    .sort(
      (a, b) =>
        ordinalOf(a) - ordinalOf(b) ||
        Number(Boolean(b.pinned)) - Number(Boolean(a.pinned)) ||
        (a.anchor.start ?? -1) - (b.anchor.start ?? -1) ||
        a.createdAt.localeCompare(b.createdAt),
    );
  const byBlock = new Map<string, ViewThread[]>();
  const highlights = new Map<string, HighlightRange[]>();
  const detached: ViewThread[] = [];
  for (const thread of visible) {
    if (detachedIds.has(thread.id)) {
      detached.push(thread);
      continue;
    }
    const { blockId } = thread.anchor;
    const block = index.byId.get(blockId);
    // Re-anchored onto a version whose text has not arrived yet: placed once it has.
    if (!block) continue;
    const list = byBlock.get(blockId);
    if (list) list.push(thread);
    else byBlock.set(blockId, [thread]);
    if (thread.deleted) continue;
    const range = locateAnchor(thread.anchor, block.text);
    if (!range) continue;
    const highlight = { id: thread.id, ...range, ...(thread.hidden ? { hidden: true } : {}) };
    highlights.set(blockId, [...(highlights.get(blockId) ?? []), highlight]);
  }
  return { visible, byBlock, detached, highlights };
}
