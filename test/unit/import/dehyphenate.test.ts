// Line-end hyphens: which are word breaks to join and which are compounds to keep, stated as rules over arbitrary words.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  collectHyphenEvidence,
  decideHyphen,
  endsWithHyphen,
  joinLines,
  type HyphenContext,
  type HyphenCounts,
} from "../../../server/domain/import/dehyphenate.ts";
import { createDictionary } from "../../../server/domain/import/dictionary.ts";
import type { Line } from "../../../server/domain/import/lines.ts";

const noGlyphs = { rules: new Map<string, string>(), punctuationGlyphs: new Set<string>() };
const word = fc.stringMatching(/^[a-z]{1,6}$/);

function context(words: string[], evidence: Partial<HyphenContext["evidence"]> = {}): HyphenContext {
  return {
    dictionary: createDictionary(words),
    glyphs: noGlyphs,
    evidence: { compounds: evidence.compounds ?? new Set(), words: evidence.words ?? new Set() },
  };
}

const freshCounts = (): HyphenCounts => ({ lineBreak: 0, pageBreak: 0, keptCompound: 0, unresolved: [] });
const line = (text: string, pageBreakBefore = false): Line => ({ text, indent: 0, pageBreakBefore });

describe("endsWithHyphen", () => {
  it("recognises a hyphen (- or U+2010) after a word, and a soft hyphen (U+00AD), at a line's end", () => {
    for (const text of ["uni-", "uni‐", "uni\u00AD", "self-", "firm’s-", "x-"])
      expect(endsWithHyphen(text), text).toBe(true);
  });

  it("does not take a dash, a lone hyphen or a hyphen away from the end for a word break", () => {
    for (const text of ["-", "a -", "word –", "word—", "uni-t", "uni", "", "2-"])
      expect(endsWithHyphen(text), text).toBe(false);
  });
});

describe("decideHyphen", () => {
  it("keeps the hyphen exactly when both halves are words and nothing says the word is joined (property)", () => {
    fc.assert(
      fc.property(word, word, fc.boolean(), fc.boolean(), (head, tail, headWord, tailWord) => {
        const joined = head + tail;
        fc.pre(head !== tail && head !== joined && tail !== joined);
        const words = [...(headWord ? [head] : []), ...(tailWord ? [tail] : [])];
        fc.pre(!words.includes(joined));
        const decision = decideHyphen(head, tail, context(words));
        expect(decision.join).toBe(!(headWord && tailWord));
        // Joining is a guess when exactly one half is a word (the other may be a misspelt fragment).
        expect(decision.uncertain).toBe(headWord !== tailWord);
      }),
    );
  });

  it("joins, for certain, when the joined word is in the dictionary or printed elsewhere, whatever the halves (property)", () => {
    fc.assert(
      fc.property(word, word, fc.boolean(), fc.boolean(), (head, tail, halvesAreWords, fromDocument) => {
        const halves = halvesAreWords ? [head, tail] : [];
        const ctx = fromDocument
          ? context(halves, { words: new Set([head + tail]) })
          : context([...halves, head + tail]);
        expect(decideHyphen(head, tail, ctx)).toEqual({ join: true, uncertain: false });
      }),
    );
  });

  it("keeps the hyphen, for certain, when the document prints the compound elsewhere (property)", () => {
    fc.assert(
      fc.property(word, word, (head, tail) => {
        const ctx = context([head + tail], {
          compounds: new Set([`${head}-${tail}`]),
          words: new Set([head + tail]),
        });
        expect(decideHyphen(head, tail, ctx)).toEqual({ join: false, uncertain: false });
      }),
    );
  });

  it("compares without regard to case", () => {
    expect(decideHyphen("Uni", "Cation", context(["unication"]))).toEqual({ join: true, uncertain: false });
    expect(decideHyphen("Self", "Made", context(["self", "made"]))).toEqual({
      join: false,
      uncertain: false,
    });
  });
});

describe("joinLines", () => {
  it("always joins across a soft hyphen, dropping it, even when both halves are words (property)", () => {
    fc.assert(
      fc.property(word, word, fc.boolean(), (head, tail, pageBreak) => {
        const counts = freshCounts();
        const text = joinLines(
          [line(`the ${head}\u00AD`), line(`${tail} end`, pageBreak)],
          context([head, tail]),
          counts,
        );
        expect(text).toBe(`the ${head}${tail} end`);
        expect(counts).toEqual({
          ...freshCounts(),
          lineBreak: pageBreak ? 0 : 1,
          pageBreak: pageBreak ? 1 : 0,
        });
      }),
    );
  });

  it("drops a line-end hyphen unless both halves are words, counting what it did (property)", () => {
    fc.assert(
      fc.property(
        word,
        word,
        fc.boolean(),
        fc.boolean(),
        fc.boolean(),
        (head, tail, headWord, tailWord, pageBreak) => {
          const joined = head + tail;
          const words = [...(headWord ? [head] : []), ...(tailWord ? [tail] : [])];
          fc.pre(head !== tail && head !== joined && tail !== joined && !words.includes(joined));
          const counts = freshCounts();
          const text = joinLines([line(`a ${head}-`), line(`${tail}, b`, pageBreak)], context(words), counts);
          const keep = headWord && tailWord;
          expect(text).toBe(keep ? `a ${head}-${tail}, b` : `a ${joined}, b`);
          expect(counts.keptCompound).toBe(keep ? 1 : 0);
          expect(counts.lineBreak).toBe(!keep && !pageBreak ? 1 : 0);
          expect(counts.pageBreak).toBe(!keep && pageBreak ? 1 : 0);
          expect(counts.unresolved).toEqual(
            headWord !== tailWord
              ? [
                  {
                    token: `${head}-${tail}`,
                    reason: `joined as “${joined}”, which is not in the dictionary`,
                  },
                ]
              : [],
          );
        },
      ),
    );
  });

  it("joins other line ends with one space and never leaves two spaces", () => {
    const counts = freshCounts();
    expect(joinLines([line("one two"), line("three  four"), line("five")], context([]), counts)).toBe(
      "one two three four five",
    );
    expect(counts).toEqual(freshCounts());
  });

  it("keeps a hyphen before a line that does not start with a letter, and one after a lone hyphen", () => {
    expect(joinLines([line("pages ix-"), line("14 follow")], context([]), freshCounts())).toBe(
      "pages ix-14 follow",
    );
    expect(joinLines([line("the well-"), line("“known” x")], context([]), freshCounts())).toBe(
      "the well-“known” x",
    );
  });

  it("keeps a line-end hyphen after a token with no letters: there is no word half to join", () => {
    // "1.-" ends in a hyphen after punctuation, but nothing before it is a word, even when "based" is one.
    const counts = freshCounts();
    expect(joinLines([line("see note 1.-"), line("based on it")], context(["based"]), counts)).toBe(
      "see note 1.-based on it",
    );
    expect(counts).toEqual(freshCounts());
  });

  it("decides on the last part of a hyphenated compound and ignores punctuation around the halves", () => {
    const counts = freshCounts();
    // "self-organi-" + "zation": the break is between "organi" and "zation", not "self-organi".
    expect(
      joinLines([line("(self-organi-"), line("zation).")], context(["organization", "self"]), counts),
    ).toBe("(self-organization).");
    expect(counts.lineBreak).toBe(1);
    expect(counts.unresolved).toEqual([]);
  });

  it("reads a soft hyphen before a line that starts no word as a plain line end, and counts no join", () => {
    const counts = freshCounts();
    expect(joinLines([line("the end\u00AD"), line("(12) and more\u00AD")], context([]), counts)).toBe(
      "the end (12) and more",
    );
    expect(counts).toEqual(freshCounts());
  });

  it("treats a line starting with a learned glyph as starting a word", () => {
    const glyphs = { rules: new Map([["†", "fi"]]), punctuationGlyphs: new Set<string>() };
    const ctx = { ...context(["confirm"]), glyphs };
    expect(joinLines([line("to con-"), line("†rm it")], ctx, freshCounts())).toBe("to con†rm it");
  });
});

describe("collectHyphenEvidence", () => {
  it("collects words and hyphenated pairs printed mid-line, lowercase and without punctuation", () => {
    const evidence = collectHyphenEvidence(
      [line("The self-organization of (Well-Known) state-of-the-art work."), line("“Reading,” said one")],
      noGlyphs,
    );
    expect([...evidence.compounds].sort()).toEqual(
      ["of-the", "self-organization", "state-of", "the-art", "well-known"].sort(),
    );
    expect([...evidence.words].sort()).toEqual(["of", "one", "reading", "said", "the", "work"].sort());
  });

  it("leaves out the halves cut by a line-end hyphen, on both lines", () => {
    const evidence = collectHyphenEvidence(
      [line("first uni-"), line("cation then soft\u00AD"), line("ware and more"), line("last")],
      noGlyphs,
    );
    expect([...evidence.words].sort()).toEqual(["and", "first", "last", "more", "then"].sort());
    expect([...evidence.compounds]).toEqual([]);
  });

  it("strips punctuation from word edges whatever glyphs were learned", () => {
    const glyphs = {
      rules: new Map([
        ["†", "fi"],
        ["‡", "fl"],
      ]),
      punctuationGlyphs: new Set<string>(),
    };
    const evidence = collectHyphenEvidence([line("Wow! †rst, ‡ow!")], glyphs);
    expect([...evidence.words].sort()).toEqual(["first", "flow", "wow"]);
  });

  it("reads learned glyphs as the letters they stand for, at a word's edge too", () => {
    const glyphs = { rules: new Map([["†", "fi"]]), punctuationGlyphs: new Set<string>() };
    const evidence = collectHyphenEvidence([line("†rst con†rm self-†t 12 --")], glyphs);
    expect([...evidence.words].sort()).toEqual(["confirm", "first"]);
    expect([...evidence.compounds]).toEqual(["self-fit"]);
  });
});
