// Quote context is cut on character boundaries, so that no prefix or suffix starts or ends inside an emoji.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  boundaryProblem,
  quoteContextUnits,
  quotePrefix,
  quoteSelection,
  quoteSuffix,
} from "../../shared/anchoring/quote-context.ts";
import { textProblem } from "../../shared/text/unicode.ts";

const essay = "We laughed 😀 and then the reading group went back to the café, where 👨‍👩‍👧 sat.";

/** Block texts made of characters that span several code units: emoji, ZWJ sequences, flags, combining marks. */
const blockText = fc
  .array(fc.constantFrom("a", " ", "😀", "👨‍👩‍👧", "🇫🇷", "e\u0301", "é", "测", "\u200b", "\u05e9", "क्ष", "\n"), {
    minLength: 1,
    maxLength: 80,
  })
  .map((parts) => parts.join(""));

describe("quote context", () => {
  it("cuts the issue's example after the emoji, not through it", () => {
    const start = essay.indexOf("t back ");
    const quote = quoteSelection(essay, start, start + "t back ".length);
    expect(quote.prefix).toBe(" and then the reading group wen");
    expect(textProblem(quote.prefix, "any")).toBeUndefined();
    // The naive 32-unit cut starts on the emoji's second half.
    expect(textProblem(essay.slice(start - 32, start), "any")).toMatch(/lone UTF-16 surrogate/);
  });

  it("widens a selection that ends inside a character to the whole character", () => {
    const at = essay.indexOf("😀");
    expect(quoteSelection(essay, at + 1, at + 2)).toMatchObject({ start: at, end: at + 2, exact: "😀" });
    const family = essay.indexOf("👨‍👩‍👧");
    expect(quoteSelection(essay, family, family + 3).exact).toBe("👨‍👩‍👧");
  });

  it("refuses offsets inside a surrogate pair or a grapheme cluster, and accepts boundaries", () => {
    const at = essay.indexOf("😀");
    expect(boundaryProblem(essay, at + 1)).toMatch(/surrogate pair/);
    expect(boundaryProblem("cafe\u0301", 4)).toMatch(/inside a character/);
    expect(boundaryProblem("🇫🇷🇩🇪", 2)).toMatch(/inside a character/);
    for (const offset of [0, at, at + 2, essay.length])
      expect(boundaryProblem(essay, offset)).toBeUndefined();
  });

  it("gives prefixes and suffixes of at most 32 units that are whole characters next to the passage (property)", () => {
    fc.assert(
      fc.property(blockText, fc.nat(), fc.nat(), (text, a, b) => {
        const [from, to] = [a % (text.length + 1), b % (text.length + 1)].sort((x, y) => x - y) as [
          number,
          number,
        ];
        const quote = quoteSelection(text, from, to);
        expect(quote.start).toBeLessThanOrEqual(from);
        expect(quote.end).toBeGreaterThanOrEqual(to);
        expect(boundaryProblem(text, quote.start)).toBeUndefined();
        expect(boundaryProblem(text, quote.end)).toBeUndefined();
        expect(text.slice(quote.start, quote.end)).toBe(quote.exact);
        for (const context of [quote.prefix, quote.suffix]) {
          expect(context.length).toBeLessThanOrEqual(quoteContextUnits);
          expect(textProblem(context, "any")).toBeUndefined();
        }
        expect(text.slice(0, quote.start).endsWith(quote.prefix)).toBe(true);
        expect(text.slice(quote.end).startsWith(quote.suffix)).toBe(true);
        expect(boundaryProblem(text, quote.start - quote.prefix.length)).toBeUndefined();
        expect(boundaryProblem(text, quote.end + quote.suffix.length)).toBeUndefined();
        // Only a character that would not fit is left out.
        expect(quote.prefix.length).toBeGreaterThan(Math.min(quote.start, quoteContextUnits) - 11);
      }),
      { numRuns: 300 },
    );
  });

  it("stays correct in a long block (clusters are looked for near the offset)", () => {
    const long = `${"Reading together 😀, ".repeat(20_000)}end`;
    const at = long.length - 40;
    expect(quotePrefix(long, at)).toBe(long.slice(at - quotePrefix(long, at).length, at));
    expect(boundaryProblem(long, long.indexOf("😀", 300_000) + 1)).toMatch(/surrogate pair/);
    expect(quoteSuffix(long, 0)).toBe(long.slice(0, quoteContextUnits));
  });
});
