// What hiding a thread or reply means, shared by both: the mark in the document, the row columns, the audit event.
import type { Hidden } from "../../../shared/room-doc.ts";
import { insertAuditEvent } from "../../data/audit.ts";
import type { SqlTx } from "../../data/db.ts";
import type { ModerationColumns } from "../../data/discussion-rows.ts";
import type { RoomActor } from "./load-room-actor.ts";

/** The moderation outcome: the document mark (null when unhiding) and the matching row columns. */
export function moderationMark(actor: RoomActor, reason: string | null, now: Date) {
  const hidden: Hidden | null =
    reason === null ? null : { byId: actor.userId, byName: actor.displayName, reason, at: now.toISOString() };
  const columns: ModerationColumns = {
    hiddenAt: hidden ? now : null,
    hiddenById: hidden?.byId ?? null,
    hiddenReason: reason,
  };
  return { hidden, columns };
}

/** Records who hid or unhid what, and why, in the group's audit trail. */
export function auditModeration(
  tx: SqlTx,
  actor: RoomActor,
  target: { kind: "thread" | "comment"; id: string; authorId: string },
  reason: string | null,
) {
  return insertAuditEvent(tx, {
    groupId: actor.room.groupId,
    actorId: actor.userId,
    action: `${target.kind}.${reason === null ? "unhidden" : "hidden"}`,
    targetId: target.id,
    details: { roomId: actor.room.id, reason, authorId: target.authorId },
  });
}
