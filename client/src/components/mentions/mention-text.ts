// The composer's text with mentions: bodies store `<@userId>` tokens, the text box shows `@Name`; the mentions picked
// are kept as ranges of the text, moved along as the text changes, and turned back into tokens on submit.
import { mentionToken, splitMentions } from "../../../../shared/mentions.ts";

/** A mention shown in the text box: `text.slice(start, end)` is `label` ("@Name"), standing for `userId`. */
export interface MentionRange {
  start: number;
  end: number;
  userId: string;
  label: string;
}

/** What the text box holds: the text as shown, and where the mentions in it are (sorted, not overlapping). */
export interface MentionDraft {
  text: string;
  mentions: MentionRange[];
}

/** Someone who can be mentioned. */
export interface MentionCandidate {
  userId: string;
  name: string;
}

/** A stored `body` as the text box shows it: each token as `@Name` (`nameOf` undefined: "@someone"). */
export function toDraft(body: string, nameOf: (userId: string) => string | undefined): MentionDraft {
  let text = "";
  const mentions: MentionRange[] = [];
  for (const part of splitMentions(body)) {
    if ("text" in part) {
      text += part.text;
      continue;
    }
    const label = `@${nameOf(part.userId) ?? "someone"}`;
    mentions.push({ start: text.length, end: text.length + label.length, userId: part.userId, label });
    text += label;
  }
  return { text, mentions };
}

/** The body to store: each mention still intact in the text becomes its `<@userId>` token. */
export function toBody(draft: MentionDraft): string {
  let body = "";
  let last = 0;
  for (const mention of draft.mentions) {
    if (draft.text.slice(mention.start, mention.end) !== mention.label) continue;
    body += draft.text.slice(last, mention.start) + mentionToken(mention.userId);
    last = mention.end;
  }
  return body + draft.text.slice(last);
}

/**
 * `draft` after its text became `next`: mentions before the change stay, those after it move with it, and a mention
 * the change touched is dropped (what is left of it is plain text). The change is found as the span between the
 * longest common prefix and suffix, as a text box reports one edit at a time.
 */
export function editDraft(draft: MentionDraft, next: string): MentionDraft {
  const before = draft.text;
  const shortest = Math.min(before.length, next.length);
  let prefix = 0;
  while (prefix < shortest && before[prefix] === next[prefix]) prefix += 1;
  let suffix = 0;
  while (suffix < shortest - prefix && before.at(-1 - suffix) === next.at(-1 - suffix)) suffix += 1;
  const changedEnd = before.length - suffix;
  const delta = next.length - before.length;
  const mentions = draft.mentions.flatMap((mention) => {
    if (mention.end <= prefix) return [mention];
    if (mention.start >= changedEnd)
      return [{ ...mention, start: mention.start + delta, end: mention.end + delta }];
    return [];
  });
  return { text: next, mentions };
}

/** The `@query` being typed: where its `@` is and what follows it up to the caret. */
export interface MentionQuery {
  start: number;
  query: string;
}

/** Longest query looked up; a longer run after `@` is not a name being typed. */
const maxQuery = 40;
/** What may stand before `@` for it to start a mention (not a letter: "ada@example.org" is no mention). */
const opener = /[\s([{"'“‘«]/;

/** The mention being typed at `caret`, or null (no `@` before it, a line break between, or inside a mention). */
export function queryAt(draft: MentionDraft, caret: number): MentionQuery | null {
  const { text } = draft;
  const start = text.lastIndexOf("@", caret - 1);
  if (start < 0 || caret - start - 1 > maxQuery) return null;
  if (start > 0 && !opener.test(text[start - 1]!)) return null;
  const query = text.slice(start + 1, caret);
  if (/[\n@]/.test(query) || query.startsWith(" ")) return null;
  if (draft.mentions.some((mention) => start < mention.end && caret > mention.start)) return null;
  return { start, query };
}

/** `draft` with the query (from its `@` to `caret`) replaced by a mention of `who` and a space; also the new caret. */
export function pickMention(
  draft: MentionDraft,
  query: MentionQuery,
  caret: number,
  who: MentionCandidate,
): { draft: MentionDraft; caret: number } {
  const label = `@${who.name}`;
  const text = draft.text.slice(0, query.start) + label + " " + draft.text.slice(caret);
  const edited = editDraft(draft, text);
  const mention = { start: query.start, end: query.start + label.length, userId: who.userId, label };
  const mentions = [...edited.mentions, mention].sort((a, b) => a.start - b.start);
  return { draft: { text, mentions }, caret: mention.end + 1 };
}

/** Most people offered at once. */
const maxOffered = 8;

/**
 * Who matches `query`: names starting with it first, then names with a word starting with it, then names holding it
 * (all case- and accent-insensitive), each group alphabetical; at most eight.
 */
export function matchCandidates(candidates: readonly MentionCandidate[], query: string): MentionCandidate[] {
  const fold = (text: string) => text.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase();
  const wanted = fold(query.trim());
  const rank = (name: string) => {
    const folded = fold(name);
    if (folded.startsWith(wanted)) return 0;
    if (folded.split(/\s+/).some((word) => word.startsWith(wanted))) return 1;
    return folded.includes(wanted) ? 2 : -1;
  };
  return candidates
    .map((candidate) => ({ candidate, rank: rank(candidate.name) }))
    .filter((entry) => entry.rank >= 0)
    .sort((a, b) => a.rank - b.rank || a.candidate.name.localeCompare(b.candidate.name))
    .slice(0, maxOffered)
    .map((entry) => entry.candidate);
}
