// The reader's words filter, shared with the export of "what the filters show": every word of the query occurs in
// the thread's opening comment, quoted passage, author's name, tags or the replies the viewer may read, ignoring case
// and Unicode form.
import type { Anchor } from "./room-doc.ts";

/**
 * Text as the filter compares it: NFC (as the server stores and searches text), so an "é" typed as e + accent on
 * macOS finds the "é" of the text, and lower case.
 */
const foldForSearch = (text: string) => text.normalize("NFC").toLocaleLowerCase();

/** What of a thread the words filter looks at. */
export interface SearchableThread {
  body: string;
  anchor: Pick<Anchor, "exact">;
  authorName: string;
  tags: readonly string[];
  /**
   * The bodies of the thread's replies the viewer may read (see readableReplyBodies): not deleted ones, and hidden
   * ones only for moderators.
   */
  replies?: readonly string[];
}

/** A reply as readableReplyBodies reads it. */
export interface SearchableReply {
  body: string;
  deleted: boolean;
  hidden: unknown;
}

/**
 * The reply bodies the words filter searches: deleted words are read by nobody, hidden ones by moderators only
 * (instructors and owners), as everywhere else.
 */
export function readableReplyBodies(replies: readonly SearchableReply[], moderator: boolean): string[] {
  return replies
    .filter((reply) => !reply.deleted && (reply.hidden === null || moderator))
    .map((reply) => reply.body);
}

/** True when every word of `query` occurs in `thread`; an empty query matches everything. */
export function matchesWords(thread: SearchableThread, query: string): boolean {
  const words = foldForSearch(query.trim());
  if (!words) return true;
  const haystack = foldForSearch(
    [
      thread.body,
      thread.anchor.exact ?? "",
      thread.authorName,
      ...thread.tags,
      ...(thread.replies ?? []),
    ].join("\n"),
  );
  return words.split(/\s+/u).every((word) => haystack.includes(word));
}
