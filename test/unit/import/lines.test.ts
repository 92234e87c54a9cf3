// Source text to lines: one newline convention and one space, NFC, indentation measured, page feeds kept as marks.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  endsSentence,
  isBlank,
  measureLineWidth,
  normalizeSource,
  splitLines,
  type Line,
} from "../../../server/domain/import/lines.ts";

const line = (text: string): Line => ({ text, indent: 0, pageBreakBefore: false });

describe("normalizeSource", () => {
  it("drops a byte-order mark, ends lines with \\n only, makes odd spaces plain and composes to NFC", () => {
    expect(normalizeSource("\uFEFFone\r\ntwo\rthree\nfour")).toBe("one\ntwo\nthree\nfour");
    expect(normalizeSource("a\u00A0b\u2000c\u2005d\u200Ae\u202Ff\u205Fg")).toBe("a b c d e f g");
    expect(normalizeSource("cafe\u0301")).toBe("café");
    // Only a leading BOM is one; a zero-width no-break space elsewhere is text.
    expect(normalizeSource("a\uFEFFb")).toBe("a\uFEFFb");
  });

  it("leaves text that is already normal unchanged (property)", () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[a-zé .,\n-]{0,40}$/), (text) => {
        expect(normalizeSource(text)).toBe(text);
      }),
    );
  });
});

describe("splitLines", () => {
  it("trims each line and counts its indent, a tab as four spaces", () => {
    expect(splitLines("  two\n\tfour\n \t five  \nnone")).toEqual([
      { text: "two", indent: 2, pageBreakBefore: false },
      { text: "four", indent: 4, pageBreakBefore: false },
      { text: "five", indent: 6, pageBreakBefore: false },
      { text: "none", indent: 0, pageBreakBefore: false },
    ]);
  });

  it("marks the first non-empty line after a form feed as following a page break, and only that one", () => {
    expect(splitLines("end of page\f\n\nnext page\nmore")).toEqual([
      { text: "end of page", indent: 0, pageBreakBefore: false },
      { text: "", indent: 0, pageBreakBefore: true },
      { text: "", indent: 0, pageBreakBefore: true },
      { text: "next page", indent: 0, pageBreakBefore: true },
      { text: "more", indent: 0, pageBreakBefore: false },
    ]);
    expect(splitLines("a\fb")).toEqual([
      { text: "a", indent: 0, pageBreakBefore: false },
      { text: "b", indent: 0, pageBreakBefore: true },
    ]);
  });

  it("keeps one line per physical line, blank ones included (property)", () => {
    fc.assert(
      fc.property(
        fc.array(fc.stringMatching(/^[a-z ]{0,8}$/), { minLength: 1, maxLength: 10 }),
        (physical) => {
          const lines = splitLines(physical.join("\n"));
          expect(lines.map((l) => l.text)).toEqual(physical.map((text) => text.trim()));
          expect(lines.map((l) => isBlank(l))).toEqual(physical.map((text) => text.trim() === ""));
        },
      ),
    );
  });
});

describe("splitLines: soft hyphens (U+00AD)", () => {
  const texts = (text: string) => splitLines(text).map((each) => each.text);

  it("removes them inside a line and keeps one, right after its word, at a line's end", () => {
    expect(texts("po\u00ADli\u00AD\u00ADtical \u00ADword\u00AD and\nmis\u00AD\u00AD\nPo \u00AD")).toEqual([
      "political word and",
      "mis\u00AD",
      "Po\u00AD",
    ]);
  });

  it("moves one standing alone on its line, or starting a line, to the end of the line before", () => {
    expect(texts("Po\n\u00AD\nlitik is\nmis\n  \u00AD\u00AD  under\nstood")).toEqual([
      "Po\u00AD",
      "litik is",
      "mis\u00AD",
      "under",
      "stood",
    ]);
  });

  it("adds none after a line that already ends in a hyphen, and none to a blank line", () => {
    expect(texts("self-\n\u00AD\norganized\nsoft\u00AD\n\u00ADware\n\n\u00AD\nnext")).toEqual([
      "self-",
      "organized",
      "soft\u00AD",
      "ware",
      "",
      "next",
    ]);
  });

  it("keeps the page break of a line it drops for the line after it", () => {
    expect(splitLines("Po\f\u00AD\nlitik")).toEqual([
      { text: "Po\u00AD", indent: 0, pageBreakBefore: false },
      { text: "litik", indent: 0, pageBreakBefore: true },
    ]);
  });
});

describe("measureLineWidth", () => {
  it("is the 80th percentile of the non-blank lines' lengths, or 0 without text", () => {
    const lengths = [10, 1, 9, 2, 8, 3, 7, 4, 6, 5];
    const lines = [...lengths.map((n) => line("x".repeat(n))), line(""), line("")];
    expect(measureLineWidth(lines)).toBe(9);
    expect(measureLineWidth([line("abc")])).toBe(3);
    expect(measureLineWidth([line(""), line("")])).toBe(0);
    expect(measureLineWidth([])).toBe(0);
  });
});

describe("endsSentence", () => {
  it("recognises . ! ? … with closing quotes, brackets or a footnote number after them", () => {
    for (const text of [
      "Done.",
      "Why?",
      "Yes!",
      "So…",
      "“Done.”",
      "(as said.)",
      "said.’",
      "[sic.]",
      "true.12",
      'no."',
    ])
      expect(endsSentence(text), text).toBe(true);
    for (const text of ["and so", "Dr. Smith", "a, b", "true.1234", "end:", "x.)y"])
      expect(endsSentence(text), text).toBe(false);
  });
});
