// Messages between the server and a PDF worker thread. The worker pulls: it asks for more blocks when it has drawn
// all it was sent, so at most one batch is in its memory.
import type { ExportLayout } from "../../../shared/schemas/exports.ts";
import {
  flattenReplies,
  type BlockDiscussion,
  type ExportHead,
  type ExportReply,
  type ExportThread,
} from "../../domain/export/discussion.ts";

/** The export's heading as it crosses to the worker: a function does not, so links travel with each batch. */
export type PdfHead = Omit<ExportHead, "threadUrl">;

/** A reply as it crosses to the worker: without the replies under it (they follow it in the list). */
export type WireReply = Omit<ExportReply, "replies">;

/**
 * A block as it crosses to the worker: each thread's replies as one flat list, depth first. postMessage copies
 * with V8's structured clone, which recurses once per level of nesting: a reply chain ~1,500 deep (any member can
 * write one) overflows its stack, so no tree is ever sent whole.
 */
export interface WireBlock extends Omit<BlockDiscussion, "threads"> {
  threads: (Omit<ExportThread, "replies"> & { replies: WireReply[] })[];
}

export type PdfJobMessage =
  | { type: "start"; head: PdfHead; layout: ExportLayout; filePath: string }
  /** The next blocks in reading order, and the reader's address of each of their threads. */
  | { type: "blocks"; blocks: WireBlock[]; threadUrls: [threadId: string, url: string][] }
  /** No more blocks: finish the file. */
  | { type: "end" };

export type PdfJobReply =
  | { type: "ready" }
  /** Every block sent so far is drawn (`drawn` in all): send the next batch, or "end". */
  | { type: "more"; drawn: number }
  /** The file is written and closed. */
  | { type: "finished" }
  | { type: "failed"; message: string };

/** `block` with its reply trees flattened (depth first), to post to the worker. */
export function toWire(block: BlockDiscussion): WireBlock {
  return {
    ...block,
    threads: block.threads.map((thread) => ({
      ...thread,
      replies: [...flattenReplies(thread.replies)].map(({ replies: _under, ...reply }) => reply),
    })),
  };
}

/**
 * The block's reply trees rebuilt from their flat lists (in one pass, no recursion), depths kept. A reply whose
 * parent came before it is put under it; any other goes at the top level rather than being lost.
 */
export function fromWire(block: WireBlock): BlockDiscussion {
  return {
    ...block,
    threads: block.threads.map((thread) => {
      const byId = new Map<string, ExportReply>();
      const top: ExportReply[] = [];
      for (const wire of thread.replies) {
        const reply: ExportReply = { ...wire, replies: [] };
        const parent = wire.parentId === null ? undefined : byId.get(wire.parentId);
        (parent ? parent.replies : top).push(reply);
        byId.set(reply.id, reply);
      }
      return { ...thread, replies: top };
    }),
  };
}
