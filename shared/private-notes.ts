// The shape of a reader's private notes for a room: one Y.Doc holding a map from block id to the note's plain text.
import * as Y from "yjs";

/** The name of the Y.Map, in the notes document, from block id to note text. */
export const privateNotesMapName = "notes";

/** The notes map of a notes document. */
export const privateNotesOf = (doc: Y.Doc): Y.Map<string> => doc.getMap<string>(privateNotesMapName);

/** The notes held by stored updates (in any order: Yjs merges them), by block id; blank notes are left out. */
export function readPrivateNotes(updates: readonly Uint8Array[]): Map<string, string> {
  const doc = new Y.Doc();
  try {
    for (const update of updates) Y.applyUpdate(doc, update);
    const notes = new Map<string, string>();
    for (const [blockId, text] of privateNotesOf(doc).entries())
      if (typeof text === "string" && text.trim() !== "") notes.set(blockId, text);
    return notes;
  } finally {
    doc.destroy();
  }
}
