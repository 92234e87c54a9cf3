// Mentions inside thread and comment bodies: stored as `<@userId>` tokens (so a renamed member stays mentioned),
// found by the server to notify, and written out with the member's current name by readers and exports.

/** Most people one body may mention; more is refused (a mention notifies, so it is also a way to spam). */
export const maxMentionsPerBody = 20;

const tokenPattern = /<@([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})>/gi;

/** The stored form of a mention of `userId`. */
export const mentionToken = (userId: string): string => `<@${userId.toLowerCase()}>`;

/** The distinct user ids mentioned in `body`, lower-cased, in order of first mention. */
export function mentionedUserIds(body: string): string[] {
  const ids = new Set<string>();
  for (const match of body.matchAll(tokenPattern)) ids.add(match[1]!.toLowerCase());
  return [...ids];
}

/**
 * `body` with each mention written as `@Name` by `nameOf` (undefined: the person is unknown to the reader, written
 * "@someone").
 */
export function writeMentions(body: string, nameOf: (userId: string) => string | undefined): string {
  return body.replace(tokenPattern, (_token, id: string) => `@${nameOf(id.toLowerCase()) ?? "someone"}`);
}

/**
 * `text` from outside Scholia (an imported file) with each `<@userId>` escaped to `<\@userId>`: Markdown still
 * shows `<@userId>`, but it is no mention token, so imported words can neither notify anyone nor have a name looked
 * up for them. Only what people write in Scholia, checked against the group's members, mentions.
 */
export function neutralizeMentions(text: string): string {
  return text.replace(tokenPattern, (token) => `<\\${token.slice(1)}`);
}

/** Splits `body` into text and mention parts, for renderers that make each mention a link. */
export function splitMentions(body: string): ({ text: string } | { userId: string })[] {
  const parts: ({ text: string } | { userId: string })[] = [];
  let last = 0;
  for (const match of body.matchAll(tokenPattern)) {
    if (match.index > last) parts.push({ text: body.slice(last, match.index) });
    parts.push({ userId: match[1]!.toLowerCase() });
    last = match.index + match[0].length;
  }
  if (last < body.length) parts.push({ text: body.slice(last) });
  return parts;
}

const tokenAt = /<@([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})>/iy;

/** The mention token starting exactly at `index` of `text` (its user id, lower-cased, and length), or null. */
export function readMentionToken(text: string, index: number): { userId: string; length: number } | null {
  tokenAt.lastIndex = index;
  const match = tokenAt.exec(text);
  return match ? { userId: match[1]!.toLowerCase(), length: match[0].length } : null;
}
