// Marks a person's notifications read, and tells their other open tabs.
import { markNotificationsRead } from "../../data/notifications.ts";
import type { ServiceContext } from "../context.ts";
import { unreadCount } from "./list-notifications.ts";

/**
 * Marks `ids` (or all) of `userId`'s notifications read; ids of other people's notifications change nothing.
 * Emits "notifications-read" on ctx.people with the ids actually marked. Returns the unread count after.
 */
export async function markMyNotificationsRead(
  ctx: ServiceContext,
  userId: string,
  ids: string[] | "all",
): Promise<{ unread: number }> {
  const marked = await markNotificationsRead(ctx.db, userId, ids, ctx.now());
  const unread = await unreadCount(ctx, userId);
  ctx.people.emit("notifications-read", userId, { ids: ids === "all" ? "all" : marked, unread });
  return { unread };
}
