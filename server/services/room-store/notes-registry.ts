// Loads each private-notes document once and keeps it while anyone has it open; with other servers, passes the
// owner's updates between them.
import type { Db } from "../../data/db.ts";
import { loadNoteUpdates } from "../../data/note-updates.ts";
import { LocalRoomBus, type RoomBus } from "./room-bus.ts";
import { NotesDocument } from "./notes-document.ts";

export class NotesRegistry {
  /** Each loaded document and how many connections hold it (counted from open, before the load finishes). */
  private readonly loaded = new Map<string, { document: Promise<NotesDocument>; holders: number }>();

  constructor(
    private readonly db: Db,
    private readonly encodeUpdateMessage: (update: Uint8Array) => Uint8Array,
    private readonly bus: RoomBus = new LocalRoomBus(),
  ) {
    bus.listen({
      notice: (notice) => {
        if (notice.kind !== "notes") return;
        void this.loaded
          .get(`${notice.roomId}:${notice.userId}`)
          ?.document.then((document) => document.receive([notice.update]))
          .catch(() => undefined); // a failed load is not kept: the next open reads the database
      },
      // Notes are small (limits.notesBytes) and unordered: after lost messages, each loaded one reads its rows again.
      resync: () => {
        for (const { document } of this.loaded.values()) {
          void document
            .then(async (loaded) =>
              loaded.receive(await loadNoteUpdates(this.db, loaded.roomId, loaded.userId)),
            )
            .catch(() => undefined); // the next lost-connection resync or reopen tries again
        }
      },
    });
  }

  /** The document, loaded once however many connections open it; pair every open with a release. */
  open(roomId: string, userId: string): Promise<NotesDocument> {
    const key = `${roomId}:${userId}`;
    let entry = this.loaded.get(key);
    if (!entry) {
      const document = loadNoteUpdates(this.db, roomId, userId).then(
        (updates) =>
          new NotesDocument(roomId, userId, updates, this.db, this.encodeUpdateMessage, (update) =>
            this.bus.publish({ kind: "notes", roomId, userId, update }),
          ),
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
