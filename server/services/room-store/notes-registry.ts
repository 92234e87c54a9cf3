// Loads each private-notes document once and keeps it while anyone has it open.
import type { Prisma } from "../../data/database.ts";
import { loadNoteUpdates } from "../../data/note-updates.ts";
import { NotesDocument } from "./notes-document.ts";

export class NotesRegistry {
  private readonly loaded = new Map<string, Promise<NotesDocument>>();

  constructor(
    private readonly prisma: Prisma,
    private readonly encodeUpdateMessage: (update: Uint8Array) => Uint8Array,
  ) {}

  open(roomId: string, userId: string): Promise<NotesDocument> {
    const key = `${roomId}:${userId}`;
    let pending = this.loaded.get(key);
    if (!pending) {
      pending = loadNoteUpdates(this.prisma, roomId, userId).then(
        (updates) => new NotesDocument(roomId, userId, updates, this.prisma, this.encodeUpdateMessage),
      );
      this.loaded.set(key, pending);
      pending.catch(() => this.loaded.delete(key));
    }
    return pending;
  }

  /** Drops a document nobody has open, so memory follows active readers. */
  release(document: NotesDocument): void {
    if (document.listeners.size === 0) this.loaded.delete(`${document.roomId}:${document.userId}`);
  }
}
