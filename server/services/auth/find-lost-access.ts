// After access events may have been missed: which live connections' sessions ended, memberships changed or room
// views (hide until posted, sections, a removed text) changed meanwhile.
import type { Logger } from "pino";
import { findLostAccess, type HeldAccess, type LostAccess } from "../../data/lost-access.ts";
import type { ServiceContext } from "../context.ts";
import { currentRoomView } from "../threads/room-view.ts";

export type { HeldAccess };

/** A live connection's access, with the view of a room's document it was served (room-view.ts), if it reads one. */
export interface HeldLiveAccess extends HeldAccess {
  roomView?: { roomId: string; served: string; seesAll: boolean };
}

/**
 * LostAccess, and the views that apply now, by `${roomId}:${userId}` (null: the room can no longer be opened), for
 * the readers of rooms whose view depends on the room's settings and sections (not those who see everything).
 */
export interface LostLiveAccess extends LostAccess {
  views: Map<string, string | null>;
}

/** Views read at once: the database pool is shared with requests, which must not wait behind a long re-check. */
const viewsAtOnce = 4;

/**
 * Reads again the sessions and memberships `held` by live connections (one query each), then the view of each
 * reader of a room that may be veiled (a few queries per room and reader, `viewsAtOnce` at a time), and returns
 * what ended or changed; undefined, logged, when the database cannot be read (the connections stay as they are,
 * and the next missed change checks them again).
 */
export async function findLostLiveAccess(
  ctx: ServiceContext,
  logger: Logger,
  held: readonly HeldLiveAccess[],
): Promise<LostLiveAccess | undefined> {
  try {
    const lost = await findLostAccess(ctx.db, held, ctx.now());
    const readers = new Map<string, { roomId: string; userId: string }>();
    for (const { roomView, userId, sessionId } of held) {
      if (!roomView || roomView.seesAll || lost.endedSessions.has(sessionId)) continue;
      readers.set(`${roomView.roomId}:${userId}`, { roomId: roomView.roomId, userId });
    }
    const views = new Map<string, string | null>();
    const pending = [...readers];
    while (pending.length > 0) {
      await Promise.all(
        pending.splice(0, viewsAtOnce).map(async ([key, { roomId, userId }]) => {
          views.set(key, await currentRoomView(ctx, roomId, userId));
        }),
      );
    }
    return { ...lost, views };
  } catch (err) {
    logger.warn({ err }, "could not check live connections against the database after missed access changes");
    return undefined;
  }
}
