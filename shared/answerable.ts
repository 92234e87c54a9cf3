// Which words of the discussion take new answers (a direct reply, a reaction, a follow): one rule for the server,
// which refuses the rest as not found, and the reader, which offers no way to try.
import type { CommentRecord, ThreadRecord } from "./room-doc.ts";

/**
 * Whether a viewer may answer a thread's or reply's words: not once deleted, and when hidden only if they moderate
 * (instructors and owners; to others the words are not there). The replies left under such words still take answers.
 */
export function wordsAnswerable(
  record: Pick<ThreadRecord | CommentRecord, "deleted" | "hidden">,
  moderator: boolean,
): boolean {
  return !record.deleted && (record.hidden === null || moderator);
}
