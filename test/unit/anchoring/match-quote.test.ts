// The shared quote matcher on plain strings: exact and approximate candidates, context and position, folding.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  defaultMatchMargin,
  defaultMatchThreshold,
  foldText,
  matchQuote,
  minFuzzyLength,
  pickQuoteMatch,
  scoreQuoteCandidates,
} from "../../../shared/anchoring/match-quote.ts";
import { boundaryProblem, quoteSelection } from "../../../shared/anchoring/quote-context.ts";

const text = "The river rose above its banks by morning. The lower fields flooded and the road was closed.";

describe("matchQuote", () => {
  it("finds a unique exact quote at its offsets with score 1 when its context agrees", () => {
    expect(
      matchQuote(text, {
        exact: "lower fields flooded",
        prefix: "by morning. The ",
        suffix: " and the road",
      }),
    ).toEqual({ start: 47, end: 67, score: 1 });
    expect(matchQuote(text, { exact: "lower fields flooded" })).toEqual({ start: 47, end: 67, score: 1 });
  });

  it("finds an edited quote approximately, scoring it below an exact one", () => {
    const found = matchQuote(text, { exact: "lower feilds flooded", prefix: "by morning. The " });
    expect(found).toMatchObject({ start: 47, end: 67 });
    expect(found!.score).toBeGreaterThan(defaultMatchThreshold);
    expect(found!.score).toBeLessThan(1);
  });

  it("matches quotes shorter than minFuzzyLength exactly or not at all", () => {
    expect("rivr rose".length).toBeLessThan(minFuzzyLength);
    expect(matchQuote(text, { exact: "rivr rose" })).toBeNull();
    expect(matchQuote(text, { exact: "river rose" })).toEqual({ start: 4, end: 14, score: 1 });
  });

  it("answers null for an empty quote and for a quote not in the text", () => {
    expect(matchQuote(text, { exact: "" })).toBeNull();
    expect(matchQuote(text, { exact: "   " })).toBeNull();
    expect(matchQuote(text, { exact: "a completely different sentence" })).toBeNull();
  });

  it("lets the context choose between repeats, and refuses to guess when nothing tells them apart", () => {
    const twice = "Vote now. Then we vote now or never. Later: vote now or never.";
    expect(matchQuote(twice, { exact: "vote now or never", prefix: "Then we " })).toMatchObject({
      start: 18,
      end: 35,
    });
    expect(matchQuote(twice, { exact: "vote now or never", prefix: "Later: " })).toMatchObject({
      start: 44,
      end: 61,
    });
    const same = "We vote now or never. We vote now or never.";
    expect(matchQuote(same, { exact: "vote now or never", prefix: "We ", suffix: "." })).toBeNull();
    // Without a margin, the position breaks the tie.
    expect(matchQuote(same, { exact: "vote now or never" }, { hint: 30, margin: 0 })).toMatchObject({
      start: 25,
      end: 42,
    });
    expect(matchQuote(same, { exact: "vote now or never" }, { hint: 0, margin: 0 })).toMatchObject({
      start: 3,
      end: 20,
    });
  });

  it("applies the threshold: an exact quote in a new context passes the default, not a stricter one", () => {
    const moved = "Elsewhere entirely, lower fields flooded — so it was reported later.";
    const selector = { exact: "lower fields flooded", prefix: "by morning. The ", suffix: " and the road" };
    const found = matchQuote(moved, selector);
    expect(found).toMatchObject({ start: 20, end: 40 });
    expect(matchQuote(moved, selector, { threshold: 0.85 })).toBeNull();
  });

  it("compares NFC with NFD and any whitespace run with any other, giving offsets in the text given", () => {
    const nfd = "Le cafe\u0301   est ouvert.\nNous buvons un the\u0301.";
    expect(matchQuote(nfd, { exact: "caf\u00e9 est ouvert. Nous" })).toEqual({ start: 3, end: 27, score: 1 });
    const nfc = "Le caf\u00e9 est ouvert.";
    expect(matchQuote(nfc, { exact: "cafe\u0301 est" })).toEqual({ start: 3, end: 11, score: 1 });
  });

  it("reads typographic quotes, dashes and ellipses as their plain forms", () => {
    const typeset = "He said \u201cwait \u2014 not yet\u2026\u201d and left.";
    expect(matchQuote(typeset, { exact: '"wait - not yet..."' })).toEqual({ start: 8, end: 25, score: 1 });
    // Two hyphens for a dash are a difference, though a small one.
    expect(matchQuote(typeset, { exact: '"wait -- not yet..."' })!.score).toBeLessThan(1);
  });

  it("counts an emoji as two code units and never cuts a character in two", () => {
    const withEmoji = "\u{1f375}\u{1f375} Tea at five, always tea at five.";
    expect(matchQuote(withEmoji, { exact: "always tea at five" })).toEqual({ start: 18, end: 36, score: 1 });
    // An approximate match ending in a combining sequence takes all of it.
    const accented = "Nous buvons un the\u0301 glace\u0301 ici.";
    const found = matchQuote(accented, { exact: "bovons un th\u00e9 glac\u00e9" });
    expect(found).not.toBeNull();
    expect(boundaryProblem(accented, found!.end)).toBeUndefined();
    expect(accented.slice(found!.start, found!.end)).toBe("buvons un the\u0301 glace\u0301");
  });
});

describe("scoreQuoteCandidates and pickQuoteMatch", () => {
  it("keeps one candidate per place, best first, and picks the best only when it leads by the margin", () => {
    // Both places one error away from the quote: only the position tells them apart, by less than the margin.
    const near = "the old mil by the river; the old mill by the rive.";
    const candidates = scoreQuoteCandidates(near, { exact: "the old mill by the river" }, 0);
    expect(candidates.map(({ start, end }) => [start, end])).toEqual([
      [0, 24],
      [26, 50],
    ]);
    expect(candidates[0]!.score).toBeGreaterThan(candidates[1]!.score);
    expect(pickQuoteMatch(candidates)).toBeNull();
    expect(pickQuoteMatch(candidates, defaultMatchThreshold, 0)).toBe(candidates[0]);
    expect(pickQuoteMatch(candidates, 1.01, 0)).toBeNull();
    expect(pickQuoteMatch([])).toBeNull();
    expect(defaultMatchMargin).toBeGreaterThan(0);
  });

  it("weighs only exact places when the quote is there: a near repeat does not compete", () => {
    const candidates = scoreQuoteCandidates("the old mill by the river; the old mil by the river", {
      exact: "the old mill by the river",
    });
    expect(candidates).toEqual([{ start: 0, end: 25, score: 1 }]);
  });
});

describe("foldText", () => {
  it("maps every folded unit back to the range of the text it came from", () => {
    const folded = foldText("a  b\u00e9e\u0301\u2026");
    expect(folded.text).toBe("a b\u00e9\u00e9...");
    expect([...folded.from]).toEqual([0, 1, 3, 4, 5, 7, 7, 7]);
    expect([...folded.to]).toEqual([1, 3, 4, 5, 7, 8, 8, 8]);
    // Folding may lengthen a text: forty ellipses are 120 dots, each from its ellipsis.
    const dots = foldText(`${"\u2026".repeat(40)}end`);
    expect(dots.text).toBe(`${".".repeat(120)}end`);
    expect([dots.from[119], dots.to[119], dots.from[120], dots.to[122]]).toEqual([39, 40, 40, 43]);
  });
});

const word = fc.stringMatching(/^[a-z]{2,6}$/);

describe("matchQuote properties", () => {
  it("finds any unique passage (not only spaces) with its quote context at its offsets, score 1", () => {
    fc.assert(
      fc.property(fc.array(word, { minLength: 2, maxLength: 30 }), fc.nat(), fc.nat(), (words, a, b) => {
        const body = words.join(" ");
        const start = a % body.length;
        const end = start + 1 + (b % (body.length - start));
        const quote = quoteSelection(body, start, end);
        fc.pre(quote.exact.trim() !== "" && body.indexOf(quote.exact) === body.lastIndexOf(quote.exact));
        expect(matchQuote(body, quote, { hint: start })).toEqual({ start, end, score: 1 });
      }),
    );
  });

  it("answers offsets inside the text on character boundaries, with a score between threshold and 1", () => {
    const unit = fc.constantFrom("a", "e\u0301", " ", "\u{1f375}", "\u00e9", "b", "\u2014");
    const piece = fc.array(unit, { maxLength: 20 }).map((units) => units.join(""));
    fc.assert(
      fc.property(piece, piece, (haystack, exact) => {
        const found = matchQuote(haystack, { exact });
        if (!found) return;
        expect(found.start).toBeGreaterThanOrEqual(0);
        expect(found.end).toBeLessThanOrEqual(haystack.length);
        expect(found.end).toBeGreaterThan(found.start);
        expect(boundaryProblem(haystack, found.start)).toBeUndefined();
        expect(boundaryProblem(haystack, found.end)).toBeUndefined();
        expect(found.score).toBeGreaterThanOrEqual(defaultMatchThreshold);
        expect(found.score).toBeLessThanOrEqual(1);
      }),
    );
  });
});
