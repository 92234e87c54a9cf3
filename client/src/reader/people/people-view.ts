// The room's people as the reader shows them: one entry per person, others only, in a stable order, each with
// initials, a colour of their own and where they are in the text.
import type { PresencePerson } from "../../../../shared/people-protocol.ts";
import type { Block } from "../../../../shared/schemas/documents.ts";
import type { BlockIndex } from "../state/thread-view.ts";

/**
 * The others in the room, one entry each (the server merges a person's tabs; a person listed twice, as during a
 * reconnection, keeps the entry that is not idle), leaders first, then the active, then by name.
 */
export function othersInRoom(people: readonly PresencePerson[], selfId: string): PresencePerson[] {
  const byUser = new Map<string, PresencePerson>();
  for (const person of people) {
    if (person.userId === selfId) continue;
    const seen = byUser.get(person.userId);
    if (!seen || (seen.idle && !person.idle)) byUser.set(person.userId, person);
  }
  return [...byUser.values()].sort(
    (a, b) =>
      Number(b.leading) - Number(a.leading) ||
      Number(a.idle) - Number(b.idle) ||
      a.name.localeCompare(b.name),
  );
}

/** "Ana Lopes" → "AL", "ana" → "AN", "Ana Maria Lopes" → "AL"; "?" for an empty name. */
export function initialsOf(name: string): string {
  const words = name.trim().split(/\s+/).filter(Boolean);
  if (words.length === 0) return "?";
  const first = [...words[0]!];
  const last = words.length > 1 ? [...words[words.length - 1]!] : first.slice(1);
  return (first[0]! + (last[0] ?? "")).toUpperCase();
}

/**
 * A colour of the person's own, the same on every screen and visit: a hue from their id, dark enough for small white
 * initials (at 30 % lightness even yellow and green stay above 4.5:1).
 */
export function colourOf(userId: string): string {
  let hash = 0;
  for (const char of userId) hash = (hash * 31 + char.charCodeAt(0)) >>> 0;
  return `hsl(${hash % 360} 55% 30%)`;
}

/** Where each block is: its section's heading and its paragraph number, for "Part 2 · paragraph 14". */
export interface Places {
  label(blockId: string | null): string;
}

/** Labels of places in `blocks` (in reading order). */
export function placesOf(blocks: readonly Block[], index: BlockIndex): Places {
  const sectionOf = new Map<string, string>();
  let section: string | null = null;
  for (const block of blocks) {
    if (block.kind === "heading") section = block.text;
    if (section) sectionOf.set(block.anchorId, section);
  }
  return {
    label(blockId) {
      const block = blockId === null ? undefined : index.byId.get(blockId);
      if (!block) return "not in the text";
      if (block.kind === "heading") return block.text;
      const number = index.paragraphNumber.get(block.anchorId);
      const where = number !== undefined ? `paragraph ${number}` : `the ${block.kind}`;
      const heading = sectionOf.get(block.anchorId);
      return heading ? `${heading} · ${where}` : where;
    },
  };
}

/** The others at each block, for markers beside the text and on the density strip. */
export function readersByBlock(others: readonly PresencePerson[]): Map<string, PresencePerson[]> {
  const byBlock = new Map<string, PresencePerson[]>();
  for (const person of others) {
    if (person.blockId === null) continue;
    byBlock.set(person.blockId, [...(byBlock.get(person.blockId) ?? []), person]);
  }
  return byBlock;
}
