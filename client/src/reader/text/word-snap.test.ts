// Word snapping: partial words grow to whole ones, in spaced and unspaced scripts; whole words and the gaps between
// them stay as selected.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { snapToWords } from "./word-snap.ts";

const snapped = (text: string, part: string, from = 0) => {
  const start = text.indexOf(part, from);
  const range = snapToWords(text, start, start + part.length);
  return text.slice(range.start, range.end);
};

describe("snapToWords", () => {
  it("grows a selection that starts or ends inside a word to the whole word", () => {
    const text = "The reading group went back over the passage slowly.";
    expect(snapped(text, "ading gro")).toBe("reading group");
    expect(snapped(text, "reading group")).toBe("reading group");
    expect(snapped(text, "g group w")).toBe("reading group went");
    expect(snapped(text, "slow")).toBe("slowly");
    // Punctuation and spaces at the edges are boundaries, not words.
    expect(snapped(text, " slowly.")).toBe(" slowly.");
    expect(snapped("Zoë’s café, naïvely", "oë’s caf")).toBe("Zoë’s café");
  });

  it("snaps in Chinese and Japanese, which have no spaces", () => {
    expect(snapped("我们今天讨论这个测试问题", "天讨论这个测")).toBe("今天讨论这个测试");
    expect(snapped("今日は良い天気ですね", "い天")).toBe("良い天気");
  });

  it("always contains the selection, ends on character boundaries, and is stable", () => {
    const piece = fc.constantFrom(
      "word",
      " ",
      "café",
      "e\u0301",
      "😀",
      ".",
      "测试",
      "問題",
      "-",
      "don’t",
      "\n",
      "3.14",
    );
    fc.assert(
      fc.property(fc.array(piece, { minLength: 1, maxLength: 12 }), fc.nat(), fc.nat(), (pieces, a, b) => {
        const text = pieces.join("");
        let start = Math.min(a, b) % (text.length + 1);
        let end = Math.max(a, b) % (text.length + 1);
        if (start > end) [start, end] = [end, start];
        const range = snapToWords(text, start, end);
        expect(range.start).toBeLessThanOrEqual(start);
        expect(range.end).toBeGreaterThanOrEqual(end);
        expect(range.end).toBeLessThanOrEqual(text.length);
        if (end > start) {
          for (const at of [range.start, range.end]) {
            const unit = text.charCodeAt(at);
            expect(at < text.length && unit >= 0xdc00 && unit <= 0xdfff).toBe(false);
          }
        }
        expect(snapToWords(text, range.start, range.end)).toEqual(range);
      }),
      { seed: 20, numRuns: 500 },
    );
  });
});
