// From the events of a committed batch to stored, presented notifications: run by the mutation commit on its own
// transaction (so a committed mutation never loses its notifications), published on ctx.people once it committed.
import type { NotificationDto } from "../../../shared/schemas/notifications.ts";
import { recordNotifications, rewriteNotificationExcerpts } from "../../data/notifications.ts";
import { findMemberNames } from "../../data/users.ts";
import type { SqlTx } from "../../data/db.ts";
import {
  commentIdOf,
  excerptOf,
  kindPrecedence,
  notificationTargets,
  type DiscussionEvent,
} from "../../domain/notifications/events.ts";
import { teacherRoles } from "../../domain/hide-until-posted.ts";
import { rolesAllowed } from "../../domain/policies.ts";
import { mentionedIn, presentNotification } from "../../presenters/notification.ts";
import type { ServiceContext } from "../context.ts";

/** An event with the idempotency key of the mutation that declared it. */
export interface KeyedEvent {
  key: string;
  event: DiscussionEvent;
}

/** A stored notification, presented, and whom to deliver it to. */
export interface StoredNotification {
  userId: string;
  notification: NotificationDto;
}

/**
 * Records the notifications of `events` (one batch of room `roomId`) on `tx`: one statement (none when no event
 * names anyone), plus one name lookup when excerpts mention people, after rewriting the excerpts of the notifications
 * about words the batch edited. A replayed event stores nothing new. Returns what was stored, presented.
 */
export async function recordBatchNotifications(
  tx: SqlTx,
  roomId: string,
  events: KeyedEvent[],
  now: Date,
): Promise<StoredNotification[]> {
  if (events.length === 0) return [];
  await rewriteNotificationExcerpts(
    tx,
    events.flatMap(({ event }) =>
      event.type === "thread.edited" || event.type === "comment.edited"
        ? [{ threadId: event.threadId, commentId: commentIdOf(event), excerpt: excerptOf(event.body) }]
        : [],
    ),
  );
  const notifying = events
    .map(({ key, event }) => ({
      eventKey: `${event.type}:${roomId}:${key}`,
      threadId: event.threadId,
      commentId: commentIdOf(event),
      actorId: event.actorId,
      excerpt: excerptOf(event.body),
      ...notificationTargets(event),
    }))
    // An event naming nobody, for the room's members or for the thread's followers (a thread without mentions, an
    // author resolving their own thread) can store nothing: the commit skips the statement's round trip.
    .filter((row) => row.direct.length > 0 || row.room || row.followers);
  if (notifying.length === 0) return [];
  const rows = await recordNotifications(tx, roomId, notifying, {
    precedence: kindPrecedence,
    instructorReaders: rolesAllowed("room.readInstructorNotes"),
    teacherRoles: teacherRoles(),
    now,
  });
  if (rows.length === 0) return [];
  const names = await findMemberNames(tx, mentionedIn(rows));
  return rows.map((row) => ({ userId: row.userId, notification: presentNotification(row, names) }));
}

/** Delivers stored notifications to their recipients' open tabs. Call only once their transaction committed. */
export function publishNotifications(ctx: ServiceContext, stored: StoredNotification[]): void {
  for (const { userId, notification } of stored) ctx.people.emit("notification", userId, notification);
}
