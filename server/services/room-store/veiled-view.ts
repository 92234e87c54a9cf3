// One reader's view of a room document while the room hides the class's threads from them (hide until posted): a
// Y.Doc of its own holding only the records their veil lets through, kept live from the committed document.
//
// Why a separate document rather than filtering the group document's updates: a Yjs update cannot be cut into
// "this record but not that one" without decoding it, and a replica once sent a record keeps it; the design is one
// Y.Doc per permission scope (DESIGN.md §1), and this is that scope for one reader. It holds only their own words
// and (where the room lets them show) the instructors' — a few records, so one per reader costs little — and lives
// only as long as their connection: after their first thread, or when the setting is switched off, the connection
// is closed with closeCode.accessChanged, and the reconnecting client is sent on (closeCode.roomOpened) to the
// group's document, read into a fresh replica: this document's records are not the group document's Yjs items.
import * as Y from "yjs";
import {
  RoomDoc,
  type CommentRecord,
  type ReactionRecord,
  type ThreadRecord,
} from "../../../shared/room-doc.ts";
import { seenThrough, type Veil } from "../../domain/hide-until-posted.ts";
import type { RoomDocument, UpdateListener } from "./room-document.ts";

type MapName = "threads" | "comments" | "reactions" | "meta";
const mapNames: MapName[] = ["threads", "comments", "reactions", "meta"];

/**
 * One typed reader per committed document, shared by its veiled views: RecordMap keeps the records it parsed, so a
 * room's records are parsed once, not once per veiled reader who connects.
 */
const sources = new WeakMap<Y.Doc, RoomDoc>();
function sourceOf(doc: Y.Doc): RoomDoc {
  let source = sources.get(doc);
  if (!source) sources.set(doc, (source = new RoomDoc(doc)));
  return source;
}

export class VeiledView {
  readonly doc = new Y.Doc({ gc: true });
  readonly listeners = new Set<UpdateListener>();
  private readonly source: RoomDoc;
  private readonly stopObserving: (() => void)[] = [];

  constructor(
    document: RoomDocument,
    private readonly veil: Veil,
    encodeUpdateMessage: (update: Uint8Array) => Uint8Array,
  ) {
    this.source = sourceOf(document.committed);
    // Counted as a reader of the document, so that the registry does not unload it (and its updates) under the view.
    const pin: UpdateListener = { sendUpdate: () => undefined };
    document.listeners.add(pin);
    this.stopObserving.push(() => document.listeners.delete(pin));
    this.doc.transact(() => {
      for (const name of mapNames) for (const key of this.source[name].keys()) this.copy(name, key);
    });
    this.doc.on("update", (update: Uint8Array) => {
      const message = encodeUpdateMessage(update);
      for (const listener of this.listeners) listener.sendUpdate(message);
    });
    // After the whole source transaction, so that a reply committed with its thread finds the thread.
    const onTransaction = (transaction: Y.Transaction) => {
      const changed: [MapName, string][] = [];
      for (const [type, keys] of transaction.changed) {
        const name = mapNames.find((candidate) => (this.source[candidate].map as unknown) === type);
        if (name) for (const key of keys) if (key !== null) changed.push([name, key]);
      }
      if (changed.length) this.doc.transact(() => changed.forEach(([name, key]) => this.copy(name, key)));
    };
    document.committed.on("afterTransaction", onTransaction);
    this.stopObserving.push(() => document.committed.off("afterTransaction", onTransaction));
  }

  encodedState(): Uint8Array {
    return Y.encodeStateAsUpdate(this.doc);
  }

  destroy(): void {
    for (const stop of this.stopObserving) stop();
    this.doc.destroy();
  }

  /** Copies the source's entry `key` of map `name` when the veil lets it through; removes it otherwise. */
  private copy(name: MapName, key: string): void {
    const target = this.doc.getMap(name);
    const stored = this.source[name].map.get(key);
    if (stored !== undefined && this.shows(name, key)) {
      if (target.get(key) !== stored) target.set(key, stored);
    } else if (target.has(key)) {
      target.delete(key);
    }
  }

  private shows(name: MapName, key: string): boolean {
    if (name === "threads") return this.showsThread(this.source.threads.get(key));
    if (name === "comments") return this.showsComment(this.source.comments.get(key));
    // Room-wide records (the text version the room reads) are nobody's words: every reader gets them.
    if (name === "meta") return true;
    return this.showsReaction(this.source.reactions.get(key));
  }

  private showsThread(thread: Readonly<ThreadRecord> | undefined): boolean {
    return !!thread && seenThrough(this.veil, thread.authorId);
  }

  private showsComment(comment: Readonly<CommentRecord> | undefined): boolean {
    return (
      !!comment &&
      seenThrough(this.veil, comment.authorId) &&
      this.showsThread(this.source.threads.get(comment.threadId))
    );
  }

  private showsReaction(reaction: Readonly<ReactionRecord> | undefined): boolean {
    if (!reaction || !seenThrough(this.veil, reaction.userId)) return false;
    const { targetId } = reaction;
    return (
      this.showsThread(this.source.threads.get(targetId)) ||
      this.showsComment(this.source.comments.get(targetId))
    );
  }
}
