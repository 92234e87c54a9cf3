// One loaded room document: the committed Y.Doc served to readers, a staging copy where mutations are tried, and
// the readers subscribed to it.
import * as Y from "yjs";
import type { RoomScope } from "../../../shared/room-doc.ts";
import { AsyncLock } from "./async-lock.ts";

/** Something that receives every committed update of a document (a sync connection). */
export interface UpdateListener {
  /**
   * Every listener is given the same `message` object for one update (it must not be modified): sync connections
   * frame it on the first send and write those bytes to every reader (server/realtime/shared-frames.ts).
   */
  sendUpdate(message: Uint8Array): void;
}

export class RoomDocument {
  /** Serialises mutations of this document. */
  readonly lock = new AsyncLock();
  readonly listeners = new Set<UpdateListener>();
  updatesSinceCompaction = 0;
  /** The position in the document's database log of the last update this copy holds (see data/room-updates.ts). */
  seq = 0;
  private committedDoc: Y.Doc | undefined;
  private stagingDoc: Y.Doc | undefined;
  private fullState: Uint8Array | undefined;
  /** The stored state, until the document is built from it. */
  private initialState: Uint8Array | undefined;

  constructor(
    readonly roomId: string,
    readonly scope: RoomScope,
    initialUpdates: Uint8Array[],
    private readonly encodeUpdateMessage: (update: Uint8Array) => Uint8Array,
  ) {
    if (initialUpdates.length > 0) this.initialState = Y.mergeUpdates(initialUpdates);
    // A single stored update (a compacted snapshot, or one committed mutation) was encoded from a garbage-collected
    // document, so it is a full state as it is: a reader joining with nothing gets it without waiting for the Y.Doc,
    // which is only built when something needs it (a diff, a mutation). Several logged updates merged still hold
    // every value later replaced (an edited body, a hidden comment's text) and go through the Y.Doc first.
    if (initialUpdates.length === 1) this.fullState = this.initialState;
  }

  /** What readers see: only ever changed by updates that are already committed to the database. */
  get committed(): Y.Doc {
    if (!this.committedDoc) {
      const doc = new Y.Doc({ gc: true });
      if (this.initialState) Y.applyUpdate(doc, this.initialState);
      this.initialState = undefined;
      doc.on("update", (update: Uint8Array) => {
        this.fullState = undefined;
        const message = this.encodeUpdateMessage(update);
        for (const listener of this.listeners) listener.sendUpdate(message);
      });
      this.committedDoc = doc;
    }
    return this.committedDoc;
  }

  /** The whole state as one update, encoded once per version of the document and shared by joining readers. */
  encodedState(): Uint8Array {
    this.fullState ??= Y.encodeStateAsUpdate(this.committed);
    return this.fullState;
  }

  /** Publishes an update whose database commit has succeeded. */
  commit(update: Uint8Array): void {
    Y.applyUpdate(this.committed, update, "server");
  }

  /**
   * Where the next mutation is applied first; created on the first write (rooms that are only read never pay for
   * it) and rebuilt from `committed` if a commit fails.
   */
  get staging(): Y.Doc {
    this.stagingDoc ??= this.cloneCommitted();
    return this.stagingDoc;
  }

  /**
   * Publishes an update committed elsewhere: by another server, or by this one when the answer to its COMMIT was
   * lost (both found on the bus or in the log). Staging gets it too, so that later mutations build on it; applying
   * an update a document already holds changes nothing.
   */
  commitLate(update: Uint8Array): void {
    this.commit(update);
    if (this.stagingDoc) Y.applyUpdate(this.stagingDoc, update);
  }

  /**
   * Takes what the database log holds after this copy's position (`state` read from it with `after = seq`):
   * updates committed by another server, or by this one when the answer to COMMIT was lost. Whatever this copy
   * already holds changes nothing when applied again.
   */
  catchUp(state: {
    snapshot: Uint8Array | null;
    updates: { seq: number; update: Uint8Array }[];
    seq: number;
  }): void {
    if (state.snapshot) this.commitLate(state.snapshot);
    for (const { seq, update } of state.updates) if (seq > this.seq) this.commitLate(update);
    this.seq = Math.max(this.seq, state.seq);
  }

  /** Throws away whatever a failed mutation left in staging. */
  resetStaging(): void {
    this.stagingDoc?.destroy();
    this.stagingDoc = undefined;
  }

  destroy(): void {
    this.committedDoc?.destroy();
    this.stagingDoc?.destroy();
  }

  private cloneCommitted(): Y.Doc {
    const doc = new Y.Doc({ gc: true });
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(this.committed));
    return doc;
  }
}
