// What a notification says happened, in words: who did what.
import type { NotificationDto, NotificationKind } from "../../../shared/schemas/notifications.ts";

const deeds: Record<NotificationKind, string> = {
  reply: "replied to you",
  mention: "mentioned you",
  resolved: "resolved your thread",
  reopened: "reopened your thread",
  announcement: "posted an announcement",
  activity: "replied in a thread you follow",
};

/** "Bo replied to you", "Someone mentioned you" (the actor's account gone): who, then what they did. */
export function describeNotification(item: Pick<NotificationDto, "kind" | "actor">): {
  who: string;
  did: string;
} {
  return { who: item.actor?.name ?? "Someone", did: deeds[item.kind] };
}
