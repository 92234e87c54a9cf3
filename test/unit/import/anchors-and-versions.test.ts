// Anchor ids stay put for unchanged blocks; the version mapping classifies every block.
import { describe, expect, it } from "vitest";
import type { Block } from "../../../shared/schemas/documents.ts";
import { assignAnchorIds, hashBlockContent } from "../../../server/domain/import/anchor-id.ts";
import { createDictionary } from "../../../server/domain/import/dictionary.ts";
import { importText } from "../../../server/domain/import/import-text.ts";
import { mapVersionBlocks, scoreSimilarity } from "../../../server/domain/anchoring/version-mapping.ts";

const dictionary = createDictionary([]);
const importPlain = (text: string) => importText(text, { dictionary, format: "text" }).document.blocks;

const version1 = [
  "A Short Title",
  "",
  "The first paragraph talks about reading groups and their margins.",
  "",
  "A repeated line.",
  "",
  "The third paragraph explains how threads are anchored to paragraphs of a text.",
  "",
  "A repeated line.",
  "",
  "This paragraph will be removed in the next version of the document.",
].join("\n");

const version2 = [
  "A Short Title",
  "",
  "A brand new opening paragraph that was not there before at all.",
  "",
  "The first paragraph talks about reading groups and their margins.",
  "",
  "A repeated line.",
  "",
  "The third paragraph explains how annotation threads are anchored to paragraphs of a text.",
  "",
  "A repeated line.",
].join("\n");

describe("anchor ids", () => {
  it("derive from kind and normalized text, with an ordinal among identical blocks", () => {
    expect(hashBlockContent("paragraph", "Same  text ")).toBe(hashBlockContent("paragraph", "Same text"));
    expect(hashBlockContent("paragraph", "Same text")).not.toBe(hashBlockContent("heading", "Same text"));
    const ids = assignAnchorIds([
      { kind: "paragraph", text: "Twice." },
      { kind: "paragraph", text: "Once." },
      { kind: "paragraph", text: "Twice." },
    ]);
    expect(ids[0]).toMatch(/^[a-z2-7]{13}-1$/u);
    expect(ids[2]).toBe(ids[0]?.replace(/-1$/u, "-2"));
    expect(new Set(ids).size).toBe(3);
  });

  it("keep an unchanged paragraph's id in a changed document", () => {
    const before = importPlain(version1);
    const after = importPlain(version2);
    const idOf = (blocks: Block[], start: string) =>
      blocks.find((block) => block.text.startsWith(start))?.anchorId;
    expect(idOf(after, "The first paragraph")).toBe(idOf(before, "The first paragraph"));
    expect(idOf(after, "The third paragraph")).not.toBe(idOf(before, "The third paragraph"));
    const repeated = (blocks: Block[]) => blocks.filter((block) => block.text === "A repeated line.");
    expect(repeated(after).map((block) => block.anchorId)).toEqual(
      repeated(before).map((block) => block.anchorId),
    );
  });
});

describe("mapVersionBlocks", () => {
  it("classifies unchanged, changed, removed and added blocks", () => {
    const before = importPlain(version1);
    const after = importPlain(version2);
    const mapping = mapVersionBlocks(before, after);
    const statusOf = (start: string) =>
      mapping.blocks.find(
        (fate) => fate.oldAnchorId === before.find((block) => block.text.startsWith(start))?.anchorId,
      );
    expect(statusOf("A Short Title")?.status).toBe("unchanged");
    expect(statusOf("The first paragraph")?.status).toBe("unchanged");
    const changed = statusOf("The third paragraph");
    expect(changed).toMatchObject({
      status: "changed",
      newAnchorId: after.find((block) => block.text.startsWith("The third"))?.anchorId,
    });
    expect(changed?.status === "changed" && changed.similarity).toBeGreaterThan(0.7);
    expect(statusOf("This paragraph will be removed")?.status).toBe("removed");
    expect(mapping.added).toEqual([after.find((block) => block.text.startsWith("A brand new"))?.anchorId]);
    expect(mapping.blocks.filter((fate) => fate.status === "unchanged")).toHaveLength(4);
  });

  it("does not pair blocks below the threshold or of different kinds", () => {
    const block = (kind: Block["kind"], text: string, ordinal: number, anchorId: string) => ({
      kind,
      text,
      ordinal,
      anchorId,
    });
    const mapping = mapVersionBlocks(
      [
        block("paragraph", "Capital and labor in the present tense.", 0, "a"),
        block("heading", "On reading", 1, "b"),
      ],
      [
        block("paragraph", "Something else entirely, about gardens.", 0, "c"),
        block("paragraph", "On reading", 1, "d"),
      ],
    );
    expect(mapping.blocks.map((fate) => fate.status)).toEqual(["removed", "removed"]);
    expect(mapping.added).toEqual(["c", "d"]);
  });

  it("scores similarity with word-bigram Dice", () => {
    expect(scoreSimilarity("one two three", "one two three")).toBe(1);
    expect(scoreSimilarity("one two three", "four five six")).toBe(0);
    expect(scoreSimilarity("one two three four", "one two three five")).toBeCloseTo(2 / 3);
  });
});
