// One user's private notes for one room: a Y.Doc its owner writes directly, persisted before it is echoed.
import * as Y from "yjs";
import { limits } from "../../../shared/limits.ts";
import { AppError } from "../../domain/app-error.ts";
import { mergeRoomState } from "../../domain/merge-room-state.ts";
import type { Db } from "../../data/db.ts";
import { appendNoteUpdate, compactNoteUpdates } from "../../data/note-updates.ts";
import { AsyncLock } from "./async-lock.ts";
import type { UpdateListener } from "./room-document.ts";

const compactEvery = 200;
/** At the size limit, a write first tries compaction (deleted text may free room), at most this often. */
const quotaCompactionMs = 10_000;

export class NotesDocument {
  readonly doc = new Y.Doc({ gc: true });
  readonly listeners = new Set<UpdateListener>();
  private readonly lock = new AsyncLock();
  private appended = 0;
  /** Bytes stored for this document: its rows since the last compaction, held under limits.notesBytes. */
  private storedBytes = 0;
  private lastQuotaCompaction = 0;

  constructor(
    readonly roomId: string,
    readonly userId: string,
    initialUpdates: Uint8Array[],
    private readonly db: Db,
    private readonly encodeUpdateMessage: (update: Uint8Array) => Uint8Array,
    /** Told of every update once it is stored (to pass it on to the owner's connections on other servers). */
    private readonly onStored: (update: Uint8Array) => void = () => undefined,
  ) {
    for (const update of initialUpdates) Y.applyUpdate(this.doc, update);
    this.appended = initialUpdates.length;
    this.storedBytes = initialUpdates.reduce((sum, update) => sum + update.byteLength, 0);
  }

  /**
   * Stores an update from the owner, then applies it and sends it to the owner's other connections. Updates that
   * add nothing are dropped without a write. Throws an AppError if the update cannot be decoded (bad_request) or
   * would take the notes past their size limit (payload_too_large), and the database's error if it is not stored.
   */
  write(update: Uint8Array, from: UpdateListener): Promise<void> {
    return this.lock.run(async () => {
      // A malformed update must fail here, before it is stored. decodeUpdate reads lazily and first: applyUpdate
      // trusts the struct counts an update announces (eight bytes can make it allocate hundreds of MB for a second).
      try {
        Y.decodeUpdate(update);
        Y.applyUpdate(new Y.Doc(), update);
      } catch {
        throw new AppError("bad_request", "That change is not a Yjs update; it was not stored.");
      }
      if (Y.snapshotContainsUpdate(Y.snapshot(this.doc), update)) return;
      const fits = () => this.storedBytes + update.byteLength <= limits.notesBytes;
      if (!fits() && Date.now() - this.lastQuotaCompaction >= quotaCompactionMs) {
        this.lastQuotaCompaction = Date.now();
        await this.compact();
      }
      if (!fits()) {
        throw new AppError(
          "payload_too_large",
          `Your private notes for this room have reached the ${limits.notesBytes / 1024 / 1024} MiB limit; shorten or delete some notes.`,
        );
      }
      await appendNoteUpdate(this.db, this.roomId, this.userId, update);
      this.storedBytes += update.byteLength;
      Y.applyUpdate(this.doc, update, from);
      this.send(update, from);
      this.onStored(update);
      if (++this.appended >= compactEvery) await this.compact();
    });
  }

  /**
   * Takes updates the owner stored through another server (already in the database): applied, and sent to this
   * server's connections. What the document already holds changes nothing and is not sent.
   */
  receive(updates: Uint8Array[]): Promise<void> {
    return this.lock.run(async () => {
      for (const update of updates) {
        if (Y.snapshotContainsUpdate(Y.snapshot(this.doc), update)) continue;
        Y.applyUpdate(this.doc, update, "remote");
        this.storedBytes += update.byteLength;
        this.send(update);
      }
    });
  }

  private send(update: Uint8Array, except?: UpdateListener): void {
    const message = this.encodeUpdateMessage(update);
    for (const listener of this.listeners) if (listener !== except) listener.sendUpdate(message);
  }

  /**
   * Merges the stored rows into one garbage-collected snapshot. The rows, not this document, are merged: a row
   * whose write seemed to fail, or one written by another document of these notes, is kept. Runs under the lock.
   */
  private async compact(): Promise<void> {
    const merged = await compactNoteUpdates(this.db, this.roomId, this.userId, mergeRoomState);
    this.appended = 1;
    if (merged) this.storedBytes = merged.byteLength;
  }
}
