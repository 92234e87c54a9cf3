// A person's notifications, newest first, with their unread count: only those whose thread they may still read.
import type { NotificationListDto } from "../../../shared/schemas/notifications.ts";
import { countUnread, listNotifications, type NotificationCursor } from "../../data/notifications.ts";
import { findMemberNames } from "../../data/users.ts";
import { teacherRoles } from "../../domain/hide-until-posted.ts";
import { rolesAllowed } from "../../domain/policies.ts";
import { mentionedIn, presentNotification } from "../../presenters/notification.ts";
import type { ServiceContext } from "../context.ts";

/** Notifications listed when the request names no limit. */
export const defaultNotificationLimit = 50;

export interface NotificationListOptions {
  unreadOnly: boolean;
  /** Only those after this one in the list (paging: the createdAt and id of the last one shown). */
  before: NotificationCursor | null;
  limit: number;
}

export async function listMyNotifications(
  ctx: ServiceContext,
  userId: string,
  options: NotificationListOptions,
): Promise<NotificationListDto> {
  const instructorReaders = rolesAllowed("room.readInstructorNotes");
  const rows = await listNotifications(ctx.db, {
    userId,
    instructorReaders,
    teacherRoles: teacherRoles(),
    ...options,
  });
  const names = await findMemberNames(ctx.db, mentionedIn(rows));
  return {
    notifications: rows.map((row) => presentNotification(row, names)),
    unread: await countUnread(ctx.db, userId, instructorReaders, teacherRoles()),
  };
}

/** The unread count shown to `userId` (the bell). */
export function unreadCount(ctx: ServiceContext, userId: string): Promise<number> {
  return countUnread(ctx.db, userId, rolesAllowed("room.readInstructorNotes"), teacherRoles());
}
