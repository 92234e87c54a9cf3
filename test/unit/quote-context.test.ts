// Quote context is cut on character boundaries, so that no prefix or suffix starts or ends inside an emoji.
import fc from "fast-check";
import { describe, expect, it, vi } from "vitest";
import {
  boundaryAtOrAfter,
  boundaryAtOrBefore,
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

/** Text with surrogates at the edges of both ranges, in pairs and alone, and the code units just outside them. */
const surrogateText = fc
  .array(
    fc.constantFrom(
      "a",
      "\ud7ff",
      "\ue000",
      "\ud800\udc00",
      "\udbff\udfff",
      "\ud800\udfff",
      "\udbff\udc00",
      "\ud800",
      "\udbff",
      "\udc00",
      "\udfff",
    ),
    { maxLength: 12 },
  )
  .map((parts) => parts.join(""));

/** Whether `offset` falls between a high surrogate and a low one, read with code-unit regexes. */
const betweenHalves = (text: string, offset: number) =>
  /[\ud800-\udbff]$/.test(text.slice(0, offset)) && /^[\udc00-\udfff]/.test(text.slice(offset));

/** The module as loaded where the global Intl is `intl` (it decides at load time how to find characters). */
async function loadWithIntl(intl: unknown) {
  vi.stubGlobal("Intl", intl);
  vi.resetModules();
  try {
    return await import("../../shared/anchoring/quote-context.ts");
  } finally {
    vi.unstubAllGlobals();
    // Unit test files share a module registry (vitest.config.ts): let the next import load the module as it is.
    vi.resetModules();
  }
}

const offsets = (text: string) => Array.from({ length: text.length + 1 }, (_, offset) => offset);

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

  it("says an offset splits a surrogate pair exactly when a high half precedes it and a low half follows (a lone surrogate is a character of its own)", () => {
    fc.assert(
      fc.property(surrogateText, (text) => {
        for (const offset of offsets(text)) {
          const splits = /surrogate pair/.test(boundaryProblem(text, offset) ?? "");
          expect({ text, offset, splits }).toEqual({ text, offset, splits: betweenHalves(text, offset) });
        }
      }),
    );
  });

  it("finds the same characters however far into a long block the text is", () => {
    // A line feed is a character of its own, so the padding cannot join the text's first or last character.
    fc.assert(
      fc.property(
        blockText,
        fc.integer({ min: 300, max: 700 }),
        fc.integer({ min: 0, max: 400 }),
        (text, pad, tail) => {
          const long = `${"\n".repeat(pad)}${text}${"\n".repeat(tail)}`;
          for (const offset of offsets(text)) {
            expect(boundaryProblem(long, pad + offset)).toBe(boundaryProblem(text, offset));
            expect(boundaryAtOrBefore(long, pad + offset)).toBe(pad + boundaryAtOrBefore(text, offset));
            expect(boundaryAtOrAfter(long, pad + offset)).toBe(pad + boundaryAtOrAfter(text, offset));
          }
        },
      ),
      { numRuns: 20 },
    );
  });

  it("cuts a long run of flags between flags, never between the two indicators of one flag", () => {
    // 🇦 and 🇿 are the first and last regional indicators; the flags' halves never pair across flags into another.
    const flag = fc.constantFrom("🇫🇷", "🇦🇩", "🇿🇲", "🇩🇪");
    fc.assert(
      fc.property(
        fc.constantFrom("", "a", "😀", "e\u0301"),
        fc.array(flag, { minLength: 72, maxLength: 96 }),
        (lead, flags) => {
          const text = `${lead}${flags.join("")}.`;
          // Only offsets far enough into the run that the lookup window starts inside it.
          for (let offset = lead.length + 240; offset < text.length - 1; offset += 1) {
            const intoRun = offset - lead.length;
            expect({ offset, problem: boundaryProblem(text, offset) }).toEqual({
              offset,
              problem:
                intoRun % 2 === 1
                  ? "falls between the two halves of a surrogate pair"
                  : intoRun % 4 === 2
                    ? "falls inside a character (a grapheme cluster)"
                    : undefined,
            });
            expect({ offset, quote: quoteSelection(text, offset, offset + 1) }).toMatchObject({
              offset,
              quote: {
                start: lead.length + 4 * Math.floor(intoRun / 4),
                end: lead.length + 4 * Math.ceil((intoRun + 1) / 4),
              },
            });
          }
        },
      ),
      { numRuns: 10 },
    );
  });

  it("treats offsets outside the text as no character's inside (the caller refuses them)", () => {
    for (const offset of [-1, essay.length + 1]) {
      expect(boundaryProblem(essay, offset)).toBeUndefined();
      expect(boundaryAtOrBefore(essay, offset)).toBe(offset);
      expect(boundaryAtOrAfter(essay, offset)).toBe(offset);
    }
  });

  it("finds grapheme clusters where Intl.Segmenter exists, whatever the module was loaded after", async () => {
    const loaded = await loadWithIntl(Intl);
    expect(loaded.boundaryProblem("cafe\u0301", 4)).toMatch(/inside a character/);
    expect(loaded.quoteSelection("🇫🇷🇩🇪", 2, 3)).toMatchObject({ start: 0, end: 4, exact: "🇫🇷" });
  });

  it("where Intl is missing altogether, falls back to code points", async () => {
    const loaded = await loadWithIntl(undefined);
    expect(loaded.boundaryProblem("cafe\u0301", 4)).toBeUndefined();
    expect(loaded.quoteSelection("🇫🇷🇩🇪", 2, 3)).toMatchObject({ start: 2, end: 4, exact: "🇷" });
  });

  it("without Intl.Segmenter (older browsers) falls back to code points: a pair is never split, a combining mark stands alone", async () => {
    // Intl's members are not enumerable: copy them by name, all but Segmenter.
    const fallback = await loadWithIntl(
      Object.fromEntries(
        Object.getOwnPropertyNames(Intl)
          .filter((name) => name !== "Segmenter")
          .map((name) => [name, Reflect.get(Intl, name) as unknown]),
      ),
    );
    expect(fallback.boundaryProblem("cafe\u0301", 4)).toBeUndefined();
    expect(fallback.quoteSelection("cafe\u0301", 4, 5)).toMatchObject({ start: 4, end: 5, prefix: "cafe" });
    fc.assert(
      fc.property(fc.oneof(blockText, surrogateText), fc.nat(), fc.nat(), (text, a, b) => {
        for (const offset of offsets(text)) {
          const splits = betweenHalves(text, offset);
          expect(fallback.boundaryProblem(text, offset) === undefined).toBe(!splits);
          expect(fallback.boundaryAtOrBefore(text, offset)).toBe(splits ? offset - 1 : offset);
          expect(fallback.boundaryAtOrAfter(text, offset)).toBe(splits ? offset + 1 : offset);
        }
        const [from, to] = [a % (text.length + 1), b % (text.length + 1)].sort((x, y) => x - y) as [
          number,
          number,
        ];
        const quote = fallback.quoteSelection(text, from, to);
        expect(quote.exact).toBe(text.slice(quote.start, quote.end));
        expect(fallback.boundaryProblem(text, quote.start - quote.prefix.length)).toBeUndefined();
        expect(fallback.boundaryProblem(text, quote.end + quote.suffix.length)).toBeUndefined();
      }),
    );
  });
});
