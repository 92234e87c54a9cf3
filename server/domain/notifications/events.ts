// What a committed discussion mutation means for people: the domain events a mutation plan declares, and who each
// one notifies before the database narrows it down (members who can see the thread, not muted, not the actor).
import type { NotificationKind } from "../../../shared/schemas/notifications.ts";

interface EventBase {
  threadId: string;
  /** Who did it: never notified of their own doing. */
  actorId: string;
  /** The words concerned (a thread's or reply's body), as stored: mentions as `<@userId>` tokens. */
  body: string;
}

/** Something that happened to a thread or reply, declared by the mutation that did it. */
export type DiscussionEvent =
  | (EventBase & { type: "thread.created"; mentions: string[]; announcement: boolean })
  | (EventBase & {
      type: "comment.created";
      commentId: string;
      mentions: string[];
      threadAuthorId: string;
      /** The author of the reply answered; null when the reply answers the thread itself. */
      parentAuthorId: string | null;
    })
  /** Declared for every edit of a body (the notifications' excerpts follow it); `mentions`: only those it added. */
  | (EventBase & { type: "thread.edited"; mentions: string[] })
  | (EventBase & { type: "comment.edited"; commentId: string; mentions: string[] })
  | (EventBase & { type: "thread.resolved" | "thread.reopened"; threadAuthorId: string });

/**
 * Who an event may notify: named people with the kind each would get (at most one per person, the most specific),
 * and whether the room's members (announcement) or the thread's followers (activity) are asked too.
 */
export interface NotificationTargets {
  direct: { userId: string; kind: NotificationKind }[];
  room: boolean;
  followers: boolean;
}

/**
 * Kinds from the most specific to the least: a person an event would notify twice gets the first. Someone
 * mentioned in a reply to their own thread is told of the mention, not of the reply.
 */
export const kindPrecedence: readonly NotificationKind[] = [
  "mention",
  "reply",
  "announcement",
  "resolved",
  "reopened",
  "activity",
];

/** The people `event` concerns; the actor is left out everywhere (the database repeats it for room and followers). */
export function notificationTargets(event: DiscussionEvent): NotificationTargets {
  const candidates: { userId: string; kind: NotificationKind }[] = [];
  let room = false;
  let followers = false;
  switch (event.type) {
    case "thread.created":
      for (const userId of event.mentions) candidates.push({ userId, kind: "mention" });
      room = event.announcement;
      break;
    case "comment.created":
      for (const userId of event.mentions) candidates.push({ userId, kind: "mention" });
      candidates.push({ userId: event.threadAuthorId, kind: "reply" });
      if (event.parentAuthorId) candidates.push({ userId: event.parentAuthorId, kind: "reply" });
      followers = true;
      break;
    case "thread.edited":
    case "comment.edited":
      for (const userId of event.mentions) candidates.push({ userId, kind: "mention" });
      break;
    case "thread.resolved":
      candidates.push({ userId: event.threadAuthorId, kind: "resolved" });
      break;
    case "thread.reopened":
      candidates.push({ userId: event.threadAuthorId, kind: "reopened" });
      break;
  }
  const best = new Map<string, NotificationKind>();
  for (const { userId, kind } of candidates) {
    if (userId === event.actorId) continue;
    const held = best.get(userId);
    if (!held || kindPrecedence.indexOf(kind) < kindPrecedence.indexOf(held)) best.set(userId, kind);
  }
  return { direct: [...best].map(([userId, kind]) => ({ userId, kind })), room, followers };
}

/** The reply's id for reply events, else null: what a notification opens besides its thread. */
export function commentIdOf(event: DiscussionEvent): string | null {
  return "commentId" in event ? event.commentId : null;
}

/** Longest stored excerpt, in UTF-16 units; the presenter shortens it further once mentions carry names. */
const excerptMax = 300;

/** The start of `body` for a notification, never ending inside a mention token. */
export function excerptOf(body: string): string {
  if (body.length <= excerptMax) return body;
  const cut = body.slice(0, excerptMax);
  const open = cut.lastIndexOf("<@");
  return open >= 0 && !cut.includes(">", open) ? cut.slice(0, open) : cut;
}
