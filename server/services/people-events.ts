// In-process notices for the people channel (socket.io): a notification to deliver, notifications marked read. The
// services emit them after their transaction commits; the socket.io adapter sends each to the user's open tabs.
import { EventEmitter } from "node:events";
import type { NotificationDto, NotificationsReadDto } from "../../shared/schemas/notifications.ts";

export interface PeopleEventMap {
  /** A notification was stored for `userId`: show it in every tab they have open. */
  notification: [userId: string, notification: NotificationDto];
  /** `userId` marked notifications read (in one tab): every tab updates. */
  "notifications-read": [userId: string, read: NotificationsReadDto];
}

export class PeopleEvents extends EventEmitter<PeopleEventMap> {}
