// The re-anchoring benchmark's workload: a corrected version of a large text and threads spread over its paragraphs.
import { randomUUID } from "node:crypto";
import { quoteSelection } from "../../shared/anchoring/quote-context.ts";
import type { Anchor, ThreadRecord } from "../../shared/room-doc.ts";
import type { Block } from "../../shared/schemas/documents.ts";
import { buildThreadRecord } from "./scholia-fixture.ts";

/** Threads in the room (BENCH_THREADS, 10,000 by default). */
export const threadCount = Number(process.env.BENCH_THREADS ?? 10_000);

/**
 * The corrected text: of the paragraphs (split on blank lines), 1 in 20 gets a word changed, 1 in 50 a sentence
 * added before it, 1 in 100 is deleted and 1 in 200 is split in two at a sentence end.
 */
export function correctText(text: string): { text: string; edits: Record<string, number> } {
  const edits = { "word changed": 0, "sentence added": 0, deleted: 0, split: 0 };
  const out: string[] = [];
  for (const [i, paragraph] of text.split(/\n\n/u).entries()) {
    if (i % 100 === 11) {
      edits.deleted += 1;
      continue;
    }
    let next = paragraph;
    if (i % 20 === 3) {
      const words = next.split(" ");
      if (words.length > 6) {
        words[5] = "altered";
        next = words.join(" ");
        edits["word changed"] += 1;
      }
    }
    if (i % 50 === 7) {
      next = `A sentence the corrected version adds here. ${next}`;
      edits["sentence added"] += 1;
    }
    const cut = next.indexOf(". ", next.length / 2);
    if (i % 200 === 13 && cut > 0) {
      next = `${next.slice(0, cut + 1)}\n\n${next.slice(cut + 2)}`;
      edits.split += 1;
    }
    out.push(next);
  }
  return { text: out.join("\n\n"), edits };
}

/** A passage anchor on words 3–9 of a paragraph (the whole paragraph when it is shorter). */
function passageAnchor(block: Block): Anchor {
  const words = [...block.text.matchAll(/\S+/gu)];
  if (words.length < 10) return { blockId: block.anchorId };
  const start = words[3]!.index;
  const end = words[9]!.index + words[9]![0].length;
  return { blockId: block.anchorId, ...quoteSelection(block.text, start, end) };
}

/** 10,000 group threads spread over the paragraphs, one in five on a whole paragraph. */
export function buildThreads(paragraphs: Block[], author: { id: string; name: string }): ThreadRecord[] {
  const start = Date.parse("2026-09-01T08:00:00Z");
  return Array.from({ length: threadCount }, (_, i) => {
    const block = paragraphs[(i * 7919) % paragraphs.length]!;
    return buildThreadRecord({
      id: randomUUID(),
      anchor: i % 5 === 0 ? { blockId: block.anchorId } : passageAnchor(block),
      authorId: author.id,
      authorName: author.name,
      createdAt: new Date(start + i * 60_000).toISOString(),
      body: `Thread ${i}: a remark on this passage.`,
    });
  });
}
