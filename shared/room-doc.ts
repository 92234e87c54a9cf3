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

/**
 * What became of a thread's anchor when its room last moved to a new version of the text: kept as it was (its
 * block is in the new version), moved (found again, maybe elsewhere or with edited words), or detached (not found
 * without guessing; the thread keeps its old anchor and sits in the "no longer in the text" list).
 */
export type AnchorStatus = "unchanged" | "moved" | "detached";

/** How a moved or detached thread's anchor changed: the version move, and the anchor it had before it. */
export interface AnchorChange {
  /** Version numbers of the text before and after the move. */
  fromVersion: number;
  toVersion: number;
  /** The anchor on the earlier version (its quote is what the reader shows on demand). */
  previous: Anchor;
  /** How sure the match is, 0..1 (absent for detached threads and exact finds). */
  score?: number;
  /** A paragraph split in two: the thread kept to the part holding most of its text. */
  split?: boolean;
  /** Set when an instructor or owner attached the thread to a new passage by hand (then fromVersion = toVersion). */
  reattached?: { byId: string; byName: string; at: string };
}

/** The version of the text a room reads, kept in the room's documents so readers switch to a new one live. */
export interface RoomVersionRecord {
  id: string;
  number: number;
  /** When the room was moved to it (ISO time); null for the version the room was created with. */
  movedAt: string | null;
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
  /** Started as an announcement to the room; absent on records written before announcements existed. */
  announcement?: boolean;
  /** Written after the room's due date (or the author's extension); absent where the room has no assignment. */
  late?: boolean;
  /** Who pinned the thread ahead of the others, and when; null or absent when it is not pinned. */
  pinned?: Pin | null;
  /** Number of the text version the thread was written on; absent on threads written before versions moved. */
  version?: number;
  /** Where the thread stands after the room's last version move; absent: never moved (as "unchanged"). */
  anchorStatus?: AnchorStatus;
  /** The last move that changed or detached the anchor; absent or null when it never changed. */
  anchorChange?: AnchorChange | null;
}

/** An instructor's or owner's pin: the thread leads the margin and the thread list. */
export interface Pin {
  byId: string;
  byName: string;
  at: string;
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
  /** As ThreadRecord.late. */
  late?: boolean;
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

/** What RoomDoc.index() groups: replies by thread id, and reactions by target id, then by emoji. */
export interface RoomIndex {
  commentsByThread: ReadonlyMap<string, readonly Readonly<CommentRecord>[]>;
  reactionsByTarget: ReadonlyMap<string, ReadonlyMap<string, readonly Readonly<ReactionRecord>[]>>;
}

/** Typed access to a room Y.Doc; entries are records replaced whole, as only the server writes them. */
export class RoomDoc {
  readonly threads: RecordMap<ThreadRecord>;
  readonly comments: RecordMap<CommentRecord>;
  readonly reactions: RecordMap<ReactionRecord>;
  /** Room-wide records; "version" holds the RoomVersionRecord (absent in rooms never moved since versions moved). */
  readonly meta: RecordMap<RoomVersionRecord>;

  constructor(readonly doc: Y.Doc) {
    this.threads = new RecordMap(doc.getMap("threads"));
    this.comments = new RecordMap(doc.getMap("comments"));
    this.reactions = new RecordMap(doc.getMap("reactions"));
    this.meta = new RecordMap(doc.getMap("meta"));
  }

  /**
   * The text version the room reads, when the document says (see meta). A room is created without one (its
   * documents may not exist yet); every move puts it in both documents. Absent, the room was never moved and reads
   * the version its REST room (RoomDto.version) names: readers and the server both take it from there.
   */
  roomVersion(): Readonly<RoomVersionRecord> | undefined {
    return this.meta.get("version");
  }

  putRoomVersion(version: RoomVersionRecord): void {
    this.meta.set("version", version);
  }

  thread(id: string): Readonly<ThreadRecord> | undefined {
    return this.threads.get(id);
  }

  comment(id: string): Readonly<CommentRecord> | undefined {
    return this.comments.get(id);
  }

  /**
   * Replies by thread, each thread's in creation order, and reactions by target and emoji, in one pass over the
   * document: finding one thread's replies by scanning them all would cost a large room a scan per thread shown.
   */
  index(): RoomIndex {
    const commentsByThread = new Map<string, Readonly<CommentRecord>[]>();
    for (const comment of this.comments.values()) {
      const replies = commentsByThread.get(comment.threadId);
      if (replies) replies.push(comment);
      else commentsByThread.set(comment.threadId, [comment]);
    }
    for (const replies of commentsByThread.values()) {
      replies.sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id));
    }
    const reactionsByTarget = new Map<string, Map<string, Readonly<ReactionRecord>[]>>();
    for (const reaction of this.reactions.values()) {
      let byEmoji = reactionsByTarget.get(reaction.targetId);
      if (!byEmoji) reactionsByTarget.set(reaction.targetId, (byEmoji = new Map()));
      byEmoji.set(reaction.emoji, [...(byEmoji.get(reaction.emoji) ?? []), reaction]);
    }
    return { commentsByThread, reactionsByTarget };
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
