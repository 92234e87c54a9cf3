// A reply chain far deeper than any stack: drawn into a PDF on the worker thread, as the server draws every PDF.
import { execFile } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, describe, expect, it } from "vitest";
import { flattenReplies, replyTree, type BlockDiscussion } from "../../../server/domain/export/discussion.ts";
import { fromWire, toWire } from "../../../server/services/exports/pdf-job.ts";
import { renderPdf } from "../../../server/services/exports/pdf-runner.ts";
import { memberEntryContext } from "./export-head.ts";

const at = new Date("2026-11-30T10:00:00Z");
const context = memberEntryContext;
const depth = 20_000;

/** One block with one thread whose replies each answer the one before, `depth` deep. */
function deepBlock(): BlockDiscussion {
  const rows = Array.from({ length: depth }, (_, i) => ({
    id: `r${i + 1}`,
    threadId: "t",
    parentId: i === 0 ? null : `r${i}`,
    authorId: "u",
    authorName: "Ann",
    body: `Answer number ${i + 1}`,
    createdAt: at,
    editedAt: null,
    deletedAt: null,
    hiddenAt: null,
    hiddenReason: null,
  }));
  return {
    place: {
      block: { kind: "paragraph", text: "A paragraph.", anchorId: "b", ordinal: 0, footnotes: [] },
      paragraph: 1,
      section: null,
      sectionId: null,
    },
    threads: [
      {
        id: "t",
        author: { id: "u", name: "Ann", role: "member" },
        createdAt: at,
        editedAt: null,
        body: "The opening word.",
        state: "visible",
        hiddenReason: null,
        reactions: [],
        anchor: { blockId: "b" },
        quote: null,
        position: -1,
        visibility: "group",
        status: "open",
        tags: [],
        replies: replyTree(rows, context),
        replyCount: depth,
      },
    ],
    note: null,
  };
}

let dir: string | undefined;
afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe("a PDF of a reply chain 20,000 deep", () => {
  it("crosses to the worker flat and comes back the same tree", () => {
    const block = deepBlock();
    const wire = toWire(block);
    expect(() => structuredClone(wire)).not.toThrow();
    const back = [...flattenReplies(fromWire(structuredClone(wire)).threads[0]!.replies)];
    expect(back).toHaveLength(depth);
    expect(back.at(-1)).toMatchObject({ id: `r${depth}`, parentId: `r${depth - 1}`, depth });
    expect(back.every((reply, i) => reply.replies.length === (i === depth - 1 ? 0 : 1))).toBe(true);
  });

  it("is drawn on the worker thread, every reply in it", async () => {
    dir = await mkdtemp(path.join(tmpdir(), "scholia-pdf-deep-"));
    const filePath = path.join(dir, "deep.pdf");
    async function* blocks() {
      yield deepBlock();
    }
    await renderPdf({
      head: {
        title: "Deep",
        author: null,
        groupName: "Readers",
        versionNumber: 1,
        exportedAt: at,
        exportedBy: "Ann",
        scope: "discussion",
        threadUrl: (id) => `https://scholia.test/t/${id}`,
      },
      blocks: blocks(),
      layout: "discussion",
      filePath,
      onProgress: () => {},
      timeLimitMs: 120_000,
      signal: new AbortController().signal,
    });
    const { stdout } = await promisify(execFile)("pdftotext", ["-enc", "UTF-8", filePath, "-"], {
      maxBuffer: 64 * 1024 * 1024,
    });
    const text = stdout.replace(/\s+/gu, " ");
    expect(text).toContain("The opening word.");
    expect(text).toContain("Answer number 1 ");
    expect(text).toContain(`Answer number ${depth} `);
  }, 120_000);
});
