// The room Y.Doc schema: threads, comments and reactions, with typed accessors used by server and client.
import type * as Y from "yjs";
import { RecordMap } from "./record-map.ts";

/** Where a thread is attached: a whole block, or a passage inside it (W3C position + quote selectors). */
export interface Anchor {
  blockId: string;
  start?: number;
  end?: number;
  exact?: string;
  prefix?: string;
  suffix?: string;
}

/** Who hid a thread or comment, and why. Hidden content stays in the document for moderators. */
export interface Hidden {
  byId: string;
  byName: string;
  reason: string;
  at: string;
}

export type ThreadStatus = "open" | "resolved";
/** "group": every member sees it; "instructors": only instructors and owners (a separate document). */
export type Visibility = "group" | "instructors";

export interface ThreadRecord {
  id: string;
  anchor: Anchor;
  authorId: string;
  authorName: string;
  createdAt: string;
  body: string;
  tags: string[];
  status: ThreadStatus;
  resolvedBy: { id: string; name: string; at: string } | null;
  visibility: Visibility;
  editedAt: string | null;
  deleted: boolean;
  hidden: Hidden | null;
}

export interface CommentRecord {
  id: string;
  threadId: string;
  parentId: string | null;
  authorId: string;
  authorName: string;
  body: string;
  createdAt: string;
  editedAt: string | null;
  deleted: boolean;
  hidden: Hidden | null;
}

export interface ReactionRecord {
  targetId: string;
  userId: string;
  userName: string;
  emoji: string;
  createdAt: string;
}

/** The two documents of a room: what the group sees, and what only instructors and owners see. */
export const roomScopes = ["group", "instructors"] as const;
export type RoomScope = (typeof roomScopes)[number];

export const reactionKey = (targetId: string, userId: string, emoji: string) =>
  `${targetId}|${userId}|${emoji}`;

/** Typed access to a room Y.Doc; entries are records replaced whole, as only the server writes them. */
export class RoomDoc {
  readonly threads: RecordMap<ThreadRecord>;
  readonly comments: RecordMap<CommentRecord>;
  readonly reactions: RecordMap<ReactionRecord>;

  constructor(readonly doc: Y.Doc) {
    this.threads = new RecordMap(doc.getMap("threads"));
    this.comments = new RecordMap(doc.getMap("comments"));
    this.reactions = new RecordMap(doc.getMap("reactions"));
  }

  thread(id: string): Readonly<ThreadRecord> | undefined {
    return this.threads.get(id);
  }

  comment(id: string): Readonly<CommentRecord> | undefined {
    return this.comments.get(id);
  }

  /** Replies of a thread in creation order. */
  commentsOf(threadId: string): Readonly<CommentRecord>[] {
    return [...this.comments.values()]
      .filter((comment) => comment.threadId === threadId)
      .sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id));
  }

  /** Reactions to a thread or comment, grouped by emoji. */
  reactionsOf(targetId: string): Map<string, Readonly<ReactionRecord>[]> {
    const grouped = new Map<string, Readonly<ReactionRecord>[]>();
    for (const reaction of this.reactions.values()) {
      if (reaction.targetId !== targetId) continue;
      grouped.set(reaction.emoji, [...(grouped.get(reaction.emoji) ?? []), reaction]);
    }
    return grouped;
  }

  putThread(thread: ThreadRecord): void {
    this.threads.set(thread.id, thread);
  }

  putComment(comment: CommentRecord): void {
    this.comments.set(comment.id, comment);
  }

  putReaction(reaction: ReactionRecord): void {
    this.reactions.set(reactionKey(reaction.targetId, reaction.userId, reaction.emoji), reaction);
  }

  removeReaction(targetId: string, userId: string, emoji: string): void {
    this.reactions.delete(reactionKey(targetId, userId, emoji));
  }
}
