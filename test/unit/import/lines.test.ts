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
