// Whether a moderator has hidden a thread, read from the room's live document (no query: typing asks often).
import { RoomDoc, type RoomScope } from "../../../shared/room-doc.ts";
import type { ServiceContext } from "../context.ts";

/** Whether thread `threadId` of the room's `scope` document is hidden now; false when it is not there. */
export async function isThreadHidden(
  ctx: ServiceContext,
  roomId: string,
  scope: RoomScope,
  threadId: string,
): Promise<boolean> {
  const document = await ctx.rooms.open(roomId, scope);
  return new RoomDoc(document.committed).thread(threadId)?.hidden != null;
}
