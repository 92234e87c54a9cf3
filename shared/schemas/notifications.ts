// Notifications over REST and socket.io: the item shape, the list, marking read, and per-user settings.
import { z } from "zod";
import { decimalInteger } from "./decimal.ts";

/**
 * reply: to my thread or my comment · mention: of me · resolved / reopened: my thread · announcement: an instructor's
 * thread to the room · activity: a reply in a thread I follow.
 */
export const notificationKinds = [
  "reply",
  "mention",
  "resolved",
  "reopened",
  "announcement",
  "activity",
] as const;
export type NotificationKind = (typeof notificationKinds)[number];

export const emailModes = ["never", "immediate", "daily"] as const;
export type EmailMode = (typeof emailModes)[number];

/** One notification, the same over `GET /api/notifications` and the socket's `notification` event. */
export interface NotificationDto {
  id: string;
  kind: NotificationKind;
  groupId: string;
  roomId: string;
  /** The document's title, to say where it happened. */
  roomTitle: string;
  threadId: string;
  commentId: string | null;
  actor: { id: string; name: string } | null;
  /** The start of the words concerned, as plain text (mentions written as @Name). */
  excerpt: string;
  /** ISO 8601. */
  createdAt: string;
  readAt: string | null;
  /** The reader path that opens the thread at its passage. */
  link: string;
}

export interface NotificationListDto {
  notifications: NotificationDto[];
  unread: number;
}

/** Sent to every tab of the user after a mark-read: `ids` marked, or `all`. */
export interface NotificationsReadDto {
  ids: string[] | "all";
  unread: number;
}

/**
 * The list's query. Paging is by keyset: the next page asks for `before` = the last shown notification's createdAt
 * and `beforeId` = its id, so notifications created at the same instant (one batch) are neither skipped nor shown
 * twice. `before` alone (older clients) means strictly older than that instant.
 */
export const notificationListQuerySchema = z
  .object({
    unread: z.enum(["true", "false"]).optional(),
    before: z.iso.datetime({ message: "must be an ISO 8601 date-time" }).optional(),
    beforeId: z.uuid({ message: "must be a UUID: the id of the last notification shown" }).optional(),
    limit: decimalInteger(
      "must be a whole number",
      z.number().min(1, "must be at least 1").max(100, "must be at most 100"),
    ).optional(),
  })
  .refine((query) => query.beforeId === undefined || query.before !== undefined, {
    path: ["before"],
    message: "is required with beforeId: the createdAt of the last notification shown",
  });

/** `{ ids }` marks those read; `{}` marks all. */
export const markReadSchema = z.strictObject({
  ids: z
    .array(z.uuid({ message: "must be a UUID" }))
    .min(1)
    .max(500)
    .optional(),
});
export type MarkReadInput = z.infer<typeof markReadSchema>;

export const notificationSettingsSchema = z.strictObject({
  email: z.enum(emailModes).optional(),
});
export type NotificationSettingsInput = z.infer<typeof notificationSettingsSchema>;

/** The query of `/api/notifications/unsubscribe`: the signed token from an e-mail's unsubscribe link. */
export const unsubscribeQuerySchema = z.object({
  token: z
    .string({ error: "is required: the token from the e-mail's unsubscribe link" })
    .min(1, "is required: the token from the e-mail's unsubscribe link")
    .max(200, "is longer than any unsubscribe token"),
});

/** The answer to a one-click unsubscribe: e-mail notifications are now off. */
export const unsubscribeResponse = z.object({ email: z.literal("never") });

/** The client's path of the notification settings, linked from every notification e-mail. */
export const notificationSettingsPath = "/settings/notifications";

/** A person's notification settings: e-mail mode and the rooms they muted. */
export interface NotificationSettingsDto {
  email: EmailMode;
  mutedRoomIds: string[];
}

/** `GET /api/rooms/:roomId/follows`: the threads of the room I follow (a reply in one notifies me). */
export interface FollowedThreadsDto {
  threadIds: string[];
}
