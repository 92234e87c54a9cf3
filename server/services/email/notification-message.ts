// Turns one person's due notifications into the e-mail that carries them: deep links, mentions written as names,
// the settings link, and RFC 8058 one-click unsubscribe headers.
import type { SendMailOptions } from "nodemailer";
import { readerPath } from "../../../shared/reader-path.ts";
import {
  notificationKinds,
  notificationSettingsPath,
  type NotificationKind,
} from "../../../shared/schemas/notifications.ts";
import type { DueNotificationEmail } from "../../data/notification-emails.ts";
import { findMemberNames } from "../../data/users.ts";
import { excerptText, mentionedIn } from "../../presenters/notification.ts";
import type { Db } from "../../data/db.ts";
import { composeNotificationEmail, type EmailItem } from "../../domain/notification-email/compose-email.ts";
import { unsubscribeToken } from "./unsubscribe-token.ts";

/** What every message needs from the server's configuration. */
export interface MessageSettings {
  db: Db;
  publicUrl: string;
  sessionSecret: string;
  /** The From header. */
  from: string;
}

/** The address of the one-click unsubscribe endpoint for `userId`. */
function unsubscribeUrl(settings: Pick<MessageSettings, "publicUrl" | "sessionSecret">, userId: string) {
  const token = unsubscribeToken(settings.sessionSecret, userId);
  return `${settings.publicUrl}/api/notifications/unsubscribe?token=${encodeURIComponent(token)}`;
}

/** The column is free text; a kind this server does not know (written by a newer one) reads as plain activity. */
const kindOf = (kind: string): NotificationKind =>
  (notificationKinds as readonly string[]).includes(kind) ? (kind as NotificationKind) : "activity";

/** The message for `rows` (one recipient's, at least one), as a digest or not. */
export async function notificationMessage(
  settings: MessageSettings,
  rows: readonly DueNotificationEmail[],
  digest: boolean,
): Promise<SendMailOptions> {
  const recipient = rows[0]!;
  const names = await findMemberNames(settings.db, mentionedIn(rows));
  const items: EmailItem[] = rows.map((row) => ({
    kind: kindOf(row.kind),
    actorName: row.actorName,
    roomTitle: row.roomTitle,
    excerpt: excerptText(row, names),
    link: settings.publicUrl + readerPath(row.groupId, row.roomId, row.threadId),
    ownThread: row.ownThread,
  }));
  const unsubscribe = unsubscribeUrl(settings, recipient.userId);
  const email = composeNotificationEmail(items, {
    recipientName: recipient.recipientName,
    digest,
    settingsUrl: settings.publicUrl + notificationSettingsPath,
    unsubscribeUrl: unsubscribe,
  });
  return {
    from: settings.from,
    to: { name: recipient.recipientName, address: recipient.recipientEmail },
    ...email,
    list: { unsubscribe },
    headers: {
      "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
      // RFC 3834: an automatic message, which auto-responders should not answer.
      "Auto-Submitted": "auto-generated",
    },
  };
}
