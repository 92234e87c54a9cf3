// The words every export format uses for the same facts: times, roles, block names, and what stands in for words
// a reader may not see. Plain text: each format escapes it its own way.
import type { BlockPlace } from "../../../shared/document-outline.ts";
import type { ExportEntry, ExportThread } from "./discussion.ts";

/** "2026-11-30 14:03 UTC": minutes are enough for a discussion, and one zone for every reader of the file. */
export const timeLabel = (date: Date) => `${date.toISOString().slice(0, 16).replace("T", " ")} UTC`;

export const roleLabel = (entry: ExportEntry) => entry.author.role ?? "former member";

/** How a block is cited: "¶ 12" for a paragraph, else its kind and opening words ("Heading: Value"). */
export function blockLabel(place: BlockPlace): string {
  if (place.paragraph !== null) return `¶ ${place.paragraph}`;
  const kind = `${place.block.kind[0]!.toUpperCase()}${place.block.kind.slice(1)}`;
  return `${kind}: ${place.block.text.replace(/\s+/gu, " ").slice(0, 80)}`;
}

/** What a thread without a quote is about. */
export const wholeBlockLabel = (place: BlockPlace) =>
  `On the whole ${place.paragraph === null ? place.block.kind : "paragraph"}.`;

/**
 * What stands in for, or goes with, an entry's words: deleted, hidden from this reader, or (for a moderator, who
 * reads the words) hidden from the group. Null when the words stand.
 */
export function noticeOf(entry: ExportEntry): string | null {
  const reason = entry.hiddenReason ? `: ${entry.hiddenReason.replace(/\s+/gu, " ")}` : "";
  if (entry.state === "deleted") return "[deleted]";
  if (entry.state === "hidden") {
    return entry.body === "" ? `[hidden by a moderator${reason}]` : `[hidden from the group${reason}]`;
  }
  return null;
}

/** Status and audience, as short labels. */
export const threadFacts = (thread: ExportThread) => [
  thread.status,
  ...(thread.visibility === "instructors" ? ["instructors only"] : []),
];

export const reactionsLabel = (entry: ExportEntry) =>
  entry.reactions.map(([emoji, count]) => `${emoji} ${count}`).join(" · ");
