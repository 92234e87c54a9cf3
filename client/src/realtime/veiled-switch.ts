// Which document a reader's group replica reads while hide-until-posted may be in force, and when it starts afresh.
import { closeCode } from "../../../shared/sync-protocol.ts";

/**
 * Where the replica goes when the server closes its socket with `code`: "veiled" (the room's document was refused:
 * read the veiled view), "group" (the room opened: read its document again), or "stay" (reconnect as it is).
 */
export function replicaMoveOnClose(code: number | null, veiled: boolean): "veiled" | "group" | "stay" {
  if (!veiled) return code === closeCode.hiddenUntilPosted ? "veiled" : "stay";
  return code === closeCode.roomOpened ? "group" : "stay";
}

/**
 * Whether a replica reconnecting must be replaced by a fresh one first: a veiled view that already synced, since
 * each veiled connection is served a view built afresh, whose records are other Yjs items and would fight these.
 */
export function needsFreshReplica(reading: { veiled: boolean; synced: boolean }): boolean {
  return reading.veiled && reading.synced;
}
