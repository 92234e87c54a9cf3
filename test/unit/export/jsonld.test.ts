// The JSON-LD export's paging: pages of annotationsPerPage nested through `next`, valid JSON whatever the count.
import { describe, expect, it } from "vitest";
import { annotationsPerPage, formatJsonLd } from "../../../server/domain/export/jsonld.ts";
import type { ExportThread } from "../../../server/domain/export/discussion.ts";
import { exportHeadOf } from "./export-head.ts";

const at = new Date("2026-11-30T10:00:00Z");
const block = { kind: "paragraph" as const, text: "Some text.", anchorId: "b", ordinal: 0, footnotes: [] };
const head = exportHeadOf({ exportedAt: at });
const source = { collectionId: "http://x/c", sourceIri: "http://x/v1", blockOffsets: new Map([["b", 7]]) };

function threadOf(i: number): ExportThread {
  return {
    id: `t${i}`,
    author: { id: "u", name: "Ann", role: null },
    createdAt: at,
    editedAt: null,
    body: "words",
    state: "visible",
    hiddenReason: null,
    reactions: [],
    anchor: { blockId: "b", start: 5, end: 9, exact: "text" },
    quote: "text",
    position: 5,
    visibility: "group",
    status: "open",
    tags: [],
    replies: [],
    replyCount: 0,
  };
}

async function collectionOf(count: number, note: string | null = null) {
  async function* blocks() {
    yield { place: { block, paragraph: 1, section: null, sectionId: null }, threads: [], note };
    yield {
      place: { block, paragraph: 1, section: null, sectionId: null },
      threads: Array.from({ length: count }, (_, i) => threadOf(i)),
      note: null,
    };
  }
  let text = "";
  for await (const chunk of formatJsonLd(head, blocks(), source)) text += chunk;
  return JSON.parse(text) as Record<string, unknown>;
}

function pagesOf(collection: Record<string, unknown>) {
  const pages: Record<string, unknown>[] = [];
  let page = collection.first as Record<string, unknown> | undefined;
  for (; page; page = page.next as Record<string, unknown> | undefined) pages.push(page);
  return pages;
}

describe("formatJsonLd paging", () => {
  it.each([0, 1, annotationsPerPage, annotationsPerPage + 1, 2 * annotationsPerPage + 50])(
    "writes %i annotations as valid JSON, pages in order with their start index",
    async (count) => {
      const collection = await collectionOf(count);
      const pages = pagesOf(collection);
      expect(collection.total).toBe(count);
      expect(pages).toHaveLength(Math.max(1, Math.ceil(count / annotationsPerPage)));
      pages.forEach((page, i) => {
        expect(page).toMatchObject({
          type: "AnnotationPage",
          partOf: "http://x/c",
          startIndex: i * annotationsPerPage,
        });
      });
      expect(collection.last).toBe(pages.at(-1)!.id);
      expect(pages.flatMap((page) => page.items as { id: string }[]).map((item) => item.id)).toEqual(
        Array.from({ length: count }, (_, i) => `urn:uuid:t${i}`),
      );
    },
  );

  it("writes the requester's private note as a private annotation of the whole block", async () => {
    const collection = await collectionOf(0, "my own note");
    expect(collection.total).toBe(1);
    expect((pagesOf(collection)[0]!.items as object[])[0]).toMatchObject({
      id: "http://x/c#note-b",
      body: [{ type: "TextualBody", value: "my own note", format: "text/plain", purpose: "commenting" }],
      "scholia:visibility": "private",
      target: {
        selector: [{ type: "TextQuoteSelector", exact: "Some text." }, { start: 7, end: 17 }, { value: "b" }],
      },
    });
  });

  it("counts positions from the block's place in the whole text", async () => {
    const collection = await collectionOf(1);
    const [annotation] = pagesOf(collection)[0]!.items as { target: { selector: unknown[] } }[];
    expect(annotation!.target.selector).toEqual([
      { type: "TextQuoteSelector", exact: "text" },
      { type: "TextPositionSelector", start: 12, end: 16 },
      {
        type: "FragmentSelector",
        value: "b",
        conformsTo: "http://tools.ietf.org/rfc/rfc3986",
        refinedBy: { type: "TextPositionSelector", start: 5, end: 9 },
      },
    ]);
  });
});
