// The comparison laid out for people: the newer text's order, removed blocks where they stood, unchanged runs merged.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { MappableBlock } from "../../../server/domain/anchoring/version-mapping.ts";
import { compareVersions } from "../../../server/domain/anchoring/version-comparison.ts";

const block = (anchorId: string, text: string, ordinal: number, kind = "paragraph"): MappableBlock =>
  ({ anchorId, kind, text, ordinal }) as MappableBlock;
const numbered = (texts: [string, string][]) => texts.map(([id, text], index) => block(id, text, index));

const a = "The first paragraph reads slowly and with care, together.";
const b = "The second paragraph disagrees with the first, politely but firmly.";
const c = "The third paragraph concludes that both were right in their way.";
const d = "A fourth one that nobody had written before this version.";

describe("compareVersions", () => {
  it("places a removed block after the surviving block it followed, and a removed first block first", () => {
    const old = numbered([
      ["x", "An opening paragraph that goes away entirely in the new version."],
      ["a", a],
      ["b", b],
      ["c", c],
    ]);
    const next = numbered([
      ["a", a],
      ["b2", b.replace("politely", "gently")],
      ["d", d],
    ]);
    const comparison = compareVersions(old, next, 1, 2);
    expect(comparison.entries.map((entry) => entry.status)).toEqual([
      "removed",
      "unchanged",
      "changed",
      "removed",
      "added",
    ]);
    expect(comparison.entries[3]).toMatchObject({ oldAnchorId: "c", text: c });
    expect(comparison.counts).toEqual({ unchanged: 1, changed: 1, removed: 2, added: 1 });
  });

  it("follows a paragraph moved elsewhere to its new place, and merges neighbouring unchanged blocks", () => {
    const old = numbered([
      ["a", a],
      ["b", b],
      ["c", c],
    ]);
    const next = numbered([
      ["c", c],
      ["a", a],
      ["b", b],
    ]);
    const comparison = compareVersions(old, next, 1, 2);
    expect(comparison.entries).toEqual([{ status: "unchanged", anchorIds: ["c", "a", "b"] }]);
  });

  it("accounts for every old and new block exactly once (property)", () => {
    const texts = fc.constantFrom(a, b, c, d, b.replace("politely", "gently"), "Short.");
    fc.assert(
      fc.property(fc.array(texts, { maxLength: 6 }), fc.array(texts, { maxLength: 6 }), (before, after) => {
        // Anchor ids as the importer makes them: the same text (at the same place in its run) keeps its id.
        const ids = (list: string[]) =>
          list.map(
            (text, index) =>
              [`${text}#${list.indexOf(text) === index ? 0 : index}`, text] as [string, string],
          );
        const old = numbered(ids(before));
        const next = numbered(ids(after));
        const { entries, counts } = compareVersions(old, next, 1, 2);
        const oldSeen = entries.flatMap((entry) =>
          entry.status === "unchanged"
            ? entry.anchorIds
            : entry.status === "added"
              ? []
              : [entry.oldAnchorId],
        );
        const newSeen = entries.flatMap((entry) =>
          entry.status === "unchanged"
            ? entry.anchorIds
            : entry.status === "removed"
              ? []
              : [entry.newAnchorId],
        );
        expect(oldSeen.sort()).toEqual(old.map((item) => item.anchorId).sort());
        expect(newSeen).toEqual(next.map((item) => item.anchorId));
        expect(counts.unchanged + counts.changed + counts.removed).toBe(old.length);
        expect(counts.unchanged + counts.changed + counts.added).toBe(next.length);
      }),
    );
  });
});
