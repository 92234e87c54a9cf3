// The export's model: reply trees (however deep), reading order on a block, quotes, and defused CSV cells.
import { parse } from "csv-parse/sync";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { outlineBlocks } from "../../../shared/document-outline.ts";
import type { Block } from "../../../shared/schemas/documents.ts";
import { defuseFormula, formatCsv } from "../../../server/domain/export/csv.ts";
import {
  byPosition,
  flattenReplies,
  positionOf,
  quoteOf,
  replyTree,
  toEntry,
  type ExportThread,
} from "../../../server/domain/export/discussion.ts";
import { formatMarkdown } from "../../../server/domain/export/markdown.ts";
import { exportHeadOf, memberEntryContext } from "./export-head.ts";

const context = memberEntryContext;
const at = new Date("2026-11-30T10:00:00Z");

function commentRow(id: string, parentId: string | null) {
  return {
    id,
    threadId: "t",
    parentId,
    authorId: "u",
    authorName: "Ann",
    body: `reply ${id}`,
    createdAt: at,
    editedAt: null,
    deletedAt: null,
    hiddenAt: null,
    hiddenReason: null,
  };
}

describe("replyTree", () => {
  it("puts every reply under the one it answers, depth counted from the thread, order kept", () => {
    const tree = replyTree(
      [
        commentRow("a", null),
        commentRow("b", "a"),
        commentRow("c", null),
        commentRow("d", "b"),
        commentRow("e", "a"),
      ],
      context,
    );
    expect([...flattenReplies(tree)].map((reply) => [reply.id, reply.depth])).toEqual([
      ["a", 1],
      ["b", 2],
      ["d", 3],
      ["e", 2],
      ["c", 1],
    ]);
  });

  it("keeps a reply whose parent is missing, at the top, rather than losing it", () => {
    const tree = replyTree([commentRow("a", "gone")], context);
    expect(tree.map((reply) => reply.id)).toEqual(["a"]);
  });

  it("handles a chain of 20,000 replies each answering the last without overflowing the stack", async () => {
    const rows = Array.from({ length: 20_000 }, (_, i) => commentRow(`r${i}`, i === 0 ? null : `r${i - 1}`));
    const tree = replyTree(rows, context);
    const flat = [...flattenReplies(tree)];
    expect(flat).toHaveLength(20_000);
    expect(flat.at(-1)).toMatchObject({ id: "r19999", depth: 20_000 });
    const thread = { ...threadOf(0), replies: tree, replyCount: rows.length };
    let markdown = "";
    for await (const chunk of formatMarkdown(headOf(), blocksOf([thread]), "discussion")) markdown += chunk;
    // Drawn no deeper than six levels, each deep reply saying whom it answers.
    expect(markdown).toContain("            - **Ann** (former member) · 2026-11-30 10:00 UTC ↳ to Ann");
    expect(markdown).not.toContain("              - ");
  }, 60_000);
});

function threadOf(start: number | undefined, created = at): ExportThread {
  return {
    id: `t${start}-${created.getTime()}`,
    author: { id: "u", name: "Ann", role: null },
    createdAt: created,
    editedAt: null,
    body: "words",
    state: "visible",
    hiddenReason: null,
    reactions: [],
    anchor: start === undefined ? { blockId: "b" } : { blockId: "b", start, end: start + 1 },
    quote: null,
    position: start ?? -1,
    visibility: "group",
    status: "open",
    tags: [],
    replies: [],
    replyCount: 0,
  };
}

const block: Block = { kind: "paragraph", text: "Some text.", anchorId: "b", ordinal: 0, footnotes: [] };
const headOf = () => exportHeadOf({ exportedAt: at });
async function* blocksOf(threads: ExportThread[]) {
  yield { place: { block, paragraph: 1, section: null, sectionId: null }, threads, note: null };
}

describe("toEntry", () => {
  it("writes mentions with the person's current name, and as @someone when the name is unknown", () => {
    const names = new Map([["0b9f3a52-55c1-4b6e-9d5e-2f1a8d4c7e11", "Ana Lima"]]);
    const row = {
      ...commentRow("c", null),
      body: "Ask <@0b9f3a52-55c1-4b6e-9d5e-2f1a8d4c7e11> or <@11111111-2222-4333-8444-555555555555>.",
    };
    expect(toEntry(row, null, { ...context, names }).body).toBe("Ask @Ana Lima or @someone.");
  });
});

describe("reading order on a block", () => {
  it("whole-block threads first, then by where the passage starts, then oldest first", () => {
    const later = new Date(at.getTime() + 1000);
    const threads = [
      threadOf(5),
      threadOf(undefined, later),
      threadOf(2, later),
      threadOf(2),
      threadOf(undefined),
    ];
    expect(threads.sort(byPosition).map((t) => [t.anchor.start, t.createdAt.getTime()])).toEqual([
      [undefined, at.getTime()],
      [undefined, later.getTime()],
      [2, at.getTime()],
      [2, later.getTime()],
      [5, at.getTime()],
    ]);
  });

  it("quotes the exact text, else the offsets' text, else nothing for a whole-block thread", () => {
    expect(quoteOf({ blockId: "b", start: 0, end: 4, exact: "Some" }, "Some text.")).toBe("Some");
    expect(quoteOf({ blockId: "b", start: 5, end: 9 }, "Some text.")).toBe("text");
    expect(quoteOf({ blockId: "b" }, "Some text.")).toBeNull();
  });

  it("places a passage by its offset, else where its quote occurs, else before every passage", () => {
    expect(positionOf({ blockId: "b", start: 5, end: 9, exact: "Some" }, "Some text.")).toBe(5);
    expect(positionOf({ blockId: "b", exact: "text" }, "Some text.")).toBe(5);
    expect(positionOf({ blockId: "b", exact: "gone" }, "Some text.")).toBe(-1);
    expect(positionOf({ blockId: "b" }, "Some text.")).toBe(-1);
  });
});

describe("outlineBlocks", () => {
  it("numbers paragraphs only, and files each block under the last heading before it", () => {
    const blocks: Block[] = ["title", "paragraph", "heading", "paragraph", "colophon", "paragraph"].map(
      (kind, ordinal) =>
        ({ kind, text: `${kind} ${ordinal}`, anchorId: `b${ordinal}`, ordinal, footnotes: [] }) as Block,
    );
    expect(outlineBlocks(blocks.reverse()).map((place) => [place.paragraph, place.section])).toEqual([
      [null, null],
      [1, null],
      [null, "heading 2"],
      [2, "heading 2"],
      [null, "heading 2"],
      [3, "heading 2"],
    ]);
  });
});

describe("defuseFormula (OWASP CSV injection)", () => {
  it("prefixes exactly the cells a spreadsheet would run as a formula (property)", () => {
    fc.assert(
      fc.property(fc.string(), (cell) => {
        const risky = /^[=+\-@\t\r]/u.test(cell);
        expect(defuseFormula(cell)).toBe(risky ? `'${cell}` : cell);
      }),
    );
    for (const cell of ["=1+1", "+1", "-1", "@SUM(A1)", "\t=1", "\r=1"])
      expect(defuseFormula(cell)).toBe(`'${cell}`);
    expect(defuseFormula("1+1")).toBe("1+1");
  });
});

describe("formatCsv", () => {
  it("quotes a cell holding a bare line feed or carriage return, so that no line of a body starts a row of its own", async () => {
    // No quote or comma in it: only its line breaks can make it quoted.
    const body = "First line\n=1+1\rthird";
    const replies = replyTree([{ ...commentRow("r", null), body: "a\nreply" }], context);
    const thread = { ...threadOf(0), body, replies, replyCount: 1 };
    let csv = "";
    for await (const chunk of formatCsv(headOf(), blocksOf([thread]), { bom: false })) csv += chunk;
    // Read as spreadsheets read it: a line feed or carriage return outside quotes ends the row.
    const rows = parse(csv, { columns: true, record_delimiter: ["\r\n", "\n", "\r"] }) as Record<
      string,
      string
    >[];
    expect(rows.map((row) => [row.type, row.body])).toEqual([
      ["thread", body],
      ["reply", "a\nreply"],
    ]);
  });
});
