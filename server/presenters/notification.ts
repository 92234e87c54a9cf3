// Notification rows → NotificationDto: the one shape of GET /api/notifications and of the live "notification" event.
import { markdownPlainText } from "../../shared/markdown/render-markdown.ts";
import { mentionedUserIds, writeMentions } from "../../shared/mentions.ts";
import { readerPath } from "../../shared/reader-path.ts";
import type { NotificationDto } from "../../shared/schemas/notifications.ts";
import type { NotificationRow } from "../data/notifications.ts";
import type { MentionInGroup } from "../data/users.ts";

/** Longest excerpt shown, in characters, after mentions are written as @Name. */
const excerptShown = 200;

/** The people, each in their row's group, whose names the excerpts of `rows` need: for one findMemberNames. */
export function mentionedIn(rows: readonly Pick<NotificationRow, "groupId" | "excerpt">[]): MentionInGroup[] {
  return rows.flatMap((row) =>
    mentionedUserIds(row.excerpt).map((userId) => ({ groupId: row.groupId, userId })),
  );
}

/**
 * A row's excerpt as a preview shows it, in the bell and in e-mails: plain text (the Markdown syntax gone), on one
 * line, mentions written as @Name (`names`: findMemberNames of mentionedIn; someone outside the row's group reads
 * "@someone").
 */
export function excerptText(
  row: Pick<NotificationRow, "groupId" | "excerpt">,
  names: ReadonlyMap<string, ReadonlyMap<string, string>>,
): string {
  return writeMentions(markdownPlainText(row.excerpt), (id) => names.get(row.groupId)?.get(id))
    .replace(/\s+/g, " ")
    .trim();
}

/** `names`: findMemberNames of mentionedIn; a mention of someone outside the row's group reads "@someone". */
export function presentNotification(
  row: NotificationRow,
  names: ReadonlyMap<string, ReadonlyMap<string, string>>,
): NotificationDto {
  const words = excerptText(row, names);
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
