// Merges a Yjs document's snapshot and logged updates (a room's, or private notes') into one state, re-encoded
// from a garbage-collected Y.Doc: a plain Y.mergeUpdates would keep every replaced value forever.
import * as Y from "yjs";

export function mergeRoomState(parts: Uint8Array[]): Uint8Array {
  const doc = new Y.Doc({ gc: true });
  try {
    Y.applyUpdate(doc, Y.mergeUpdates(parts));
    return Y.encodeStateAsUpdate(doc);
  } finally {
    doc.destroy();
  }
}
