// Counts the room documents a registry hands out, so a test can wait until mutations have queued on their room.
import type { RoomRegistry } from "../../server/services/room-store/room-registry.ts";

export interface RoomOpens {
  /** How many opens have resolved and let their caller run on (runMutation queues its job right after). */
  count(): number;
  restore(): void;
}

/** Wraps `rooms.open` until `restore()`; a caller's continuation runs before its open is counted. */
export function countRoomOpens(rooms: Pick<RoomRegistry, "open">): RoomOpens {
  const original = rooms.open;
  let opened = 0;
  rooms.open = (...args) => {
    const document = original.apply(rooms, args);
    // setImmediate runs after the microtasks in which the awaiting caller resumes.
    document.then(
      () => setImmediate(() => opened++),
      () => undefined,
    );
    return document;
  };
  return {
    count: () => opened,
    restore: () => {
      rooms.open = original;
    },
  };
}
