// How the servers sharing one database tell each other about committed room updates: the interface the room
// registry publishes to and hears from, and the one-process bus used when there is no Redis.
import type { RoomScope } from "../../../shared/room-doc.ts";

/** An update committed to a room document's log at position `seq` (see data/room-updates.ts). */
export interface RoomUpdateNotice {
  kind: "room";
  roomId: string;
  scope: RoomScope;
  seq: number;
  update: Uint8Array;
}

/** An update stored to one user's private notes for a room (notes have no log order: Yjs merges them as they come). */
export interface NotesUpdateNotice {
  kind: "notes";
  roomId: string;
  userId: string;
  update: Uint8Array;
}

export type BusNotice = RoomUpdateNotice | NotesUpdateNotice;

export interface BusListener {
  /** A notice published by another server. */
  notice(notice: BusNotice): void;
  /**
   * Notices may have been lost (the connection to the other servers dropped and came back): whatever is loaded
   * must be brought up to date from the database.
   */
  resync(): void;
}

/**
 * Publishes committed updates to the other servers and hands theirs to the listener. Delivery is best effort:
 * the database log is the truth, and a server that misses a notice catches up from it.
 */
export interface RoomBus {
  /** Whether other servers may exist: their writes then have to be looked for in the log, not only heard of. */
  readonly shared: boolean;
  /** Never throws and never waits: a notice that cannot be sent is logged and found in the log by the others. */
  publish(notice: BusNotice): void;
  /** Adds a listener (the room registry, the notes registry); each hears every notice. */
  listen(listener: BusListener): void;
  close(): Promise<void>;
}

/** One server alone: nothing to tell, nothing to hear. */
export class LocalRoomBus implements RoomBus {
  readonly shared = false;
  publish(): void {}
  listen(): void {}
  async close(): Promise<void> {}
}
