// Notification rows → NotificationDto: the one shape of GET /api/notifications and of the live "notification" event.
import { mentionedUserIds, writeMentions } from "../../shared/mentions.ts";
import { readerPath } from "../../shared/reader-path.ts";
import type { NotificationDto } from "../../shared/schemas/notifications.ts";
import type { NotificationRow } from "../data/notifications.ts";

/** Longest excerpt shown, in characters, after mentions are written as @Name. */
const excerptShown = 200;

/** The people whose names the excerpts of `rows` need, to look them up in one query. */
export function mentionedIn(rows: readonly Pick<NotificationRow, "excerpt">[]): string[] {
  return [...new Set(rows.flatMap((row) => mentionedUserIds(row.excerpt)))];
}

/** `names`: display names by user id for the people the excerpt mentions (mentionedIn). */
export function presentNotification(
  row: NotificationRow,
  names: ReadonlyMap<string, string>,
): NotificationDto {
  const words = writeMentions(row.excerpt, (id) => names.get(id))
    .replace(/\s+/g, " ")
    .trim();
  return {
    id: row.id,
    kind: row.kind,
    groupId: row.groupId,
    roomId: row.roomId,
    roomTitle: row.roomTitle,
    threadId: row.threadId,
    commentId: row.commentId,
    actor: row.actorId ? { id: row.actorId, name: row.actorName ?? "" } : null,
    excerpt: words.length > excerptShown ? `${words.slice(0, excerptShown - 1)}…` : words,
    createdAt: row.createdAt.toISOString(),
    readAt: row.readAt?.toISOString() ?? null,
    link: readerPath(row.groupId, row.roomId, row.threadId),
  };
}
