// Loads each private-notes document once and keeps it while anyone has it open.
import type { Db } from "../../data/db.ts";
import { loadNoteUpdates } from "../../data/note-updates.ts";
import { NotesDocument } from "./notes-document.ts";

export class NotesRegistry {
  /** Each loaded document and how many connections hold it (counted from open, before the load finishes). */
  private readonly loaded = new Map<string, { document: Promise<NotesDocument>; holders: number }>();

  constructor(
    private readonly db: Db,
    private readonly encodeUpdateMessage: (update: Uint8Array) => Uint8Array,
  ) {}

  /** The document, loaded once however many connections open it; pair every open with a release. */
  open(roomId: string, userId: string): Promise<NotesDocument> {
    const key = `${roomId}:${userId}`;
    let entry = this.loaded.get(key);
    if (!entry) {
      const document = loadNoteUpdates(this.db, roomId, userId).then(
        (updates) => new NotesDocument(roomId, userId, updates, this.db, this.encodeUpdateMessage),
      );
      entry = { document, holders: 0 };
      this.loaded.set(key, entry);
      const loading = entry;
      document.catch(() => {
        if (this.loaded.get(key) === loading) this.loaded.delete(key);
      });
    }
    entry.holders += 1;
    return entry.document;
  }

  /** Lets go of a document; the last holder's release drops it, so memory follows active readers. */
  release(document: NotesDocument): void {
    const key = `${document.roomId}:${document.userId}`;
    const entry = this.loaded.get(key);
    if (!entry) return;
    entry.holders -= 1;
    if (entry.holders <= 0) this.loaded.delete(key);
  }
}
