// The PDF writer over many threads (no database): each quote on the page of its heading and its thread's opening
// words, replies however deep, and a number on every page — read back with pdftotext.
import { execFile } from "node:child_process";
import { createWriteStream } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, describe, expect, it } from "vitest";
import type { Block } from "../../../shared/schemas/documents.ts";
import type { BlockDiscussion, ExportReply, ExportThread } from "../../../server/domain/export/discussion.ts";
import { writePdf } from "../../../server/domain/export/pdf.ts";
import { loadFonts } from "../../../server/domain/export/pdf-fonts.ts";

const at = new Date("2026-11-30T10:00:00Z");
const author = { id: "u", name: "Ana Łukasz", role: "member" as const };
const entry = (id: string, body: string) => ({
  id,
  author,
  createdAt: at,
  editedAt: null,
  body,
  state: "visible" as const,
  hiddenReason: null,
  reactions: [],
});

/** A chain of replies, each answering the one before, `depth` deep. */
function chain(threadId: string, depth: number): ExportReply[] {
  let replies: ExportReply[] = [];
  for (let level = depth; level >= 1; level -= 1) {
    const parentId = level === 1 ? null : `${threadId}-r${level - 1}`;
    replies = [
      {
        ...entry(`${threadId}-r${level}`, `Reply ${threadId}.${level}`),
        threadId,
        parentId,
        depth: level,
        replies,
      },
    ];
  }
  return replies;
}

function block(i: number): BlockDiscussion {
  const id = `t${i}`;
  const thread: ExportThread = {
    ...entry(id, `Opening ${i} — ${"a considered thought about the passage, ".repeat(3)}`),
    anchor: { blockId: `b${i}` },
    quote: `Quoted passage ${i} — ${"words of the text set in, ".repeat(4)}`,
    position: 0,
    visibility: "group",
    status: "open",
    tags: [],
    replies: chain(id, i % 3 === 0 ? 8 : 1),
    replyCount: i % 3 === 0 ? 8 : 1,
  };
  const text: Block = {
    anchorId: `b${i}`,
    ordinal: i,
    kind: "paragraph",
    text: `Paragraph ${i}.`,
    footnotes: [],
  };
  return {
    place: { block: text, paragraph: i, section: null, sectionId: null },
    threads: [thread],
    note: null,
  };
}

let dir: string | undefined;
afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe("writePdf", () => {
  it("keeps every quote with its heading and its thread's opening on one page, and numbers every page", async () => {
    dir = await mkdtemp(path.join(tmpdir(), "scholia-pdf-unit-"));
    const file = path.join(dir, "many.pdf");
    const count = 30;
    async function* blocks() {
      for (let i = 1; i <= count; i += 1) yield block(i);
    }
    const head = {
      title: "Many Threads",
      author: null,
      groupName: "Readers",
      versionNumber: 1,
      exportedAt: at,
      exportedBy: "Ann",
      scope: "discussion" as const,
      threadUrl: (id: string) => `https://scholia.test/t/${id}`,
    };
    await writePdf(head, blocks(), "discussion", loadFonts(), createWriteStream(file));
    const { stdout } = await promisify(execFile)("pdftotext", ["-enc", "UTF-8", file, "-"]);
    const pages = stdout
      .split("\f")
      .slice(0, -1)
      .map((page) => page.replace(/\s+/gu, " "));
    expect(pages.length).toBeGreaterThan(3);
    for (let i = 1; i <= count; i += 1) {
      const page = pages.findIndex((text) => text.includes(`Quoted passage ${i} —`));
      expect(page, `quote ${i}`).toBeGreaterThanOrEqual(0);
      expect(pages[page], `heading and opening ${i}`).toMatch(
        new RegExp(`¶ ${i} .*Quoted passage ${i} .*Opening ${i} —`, "u"),
      );
    }
    pages.forEach((text, i) => expect(text.trim().split(" ")).toContain(String(i + 1)));
    expect(stdout).toContain("Reply t3.8");
  });
});
