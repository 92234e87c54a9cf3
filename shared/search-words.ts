// The reader's words filter, shared with the export of "what the filters show": every word of the query occurs in
// the thread's opening comment, quoted passage, author's name or tags, ignoring case and Unicode form.
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
}

/** True when every word of `query` occurs in `thread`; an empty query matches everything. */
export function matchesWords(thread: SearchableThread, query: string): boolean {
  const words = foldForSearch(query.trim());
  if (!words) return true;
  const haystack = foldForSearch(
    [thread.body, thread.anchor.exact ?? "", thread.authorName, ...thread.tags].join("\n"),
  );
  return words.split(/\s+/u).every((word) => haystack.includes(word));
}
