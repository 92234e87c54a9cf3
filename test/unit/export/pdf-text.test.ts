// What the PDF export draws for text: every character in a face that has it or written out (checked against the
// fonts' real glyph tables), and Markdown bodies as styled paragraphs with no markup left in the words.
import { describe, expect, it } from "vitest";
import { limits } from "../../../shared/limits.ts";
import { fallbackRuns, loadFonts } from "../../../server/domain/export/pdf-fonts.ts";
import { markdownParagraphs } from "../../../server/domain/export/pdf-markdown.ts";

const fonts = loadFonts();
const textOf = (runs: { text: string }[]) => runs.map((run) => run.text).join("");

describe("fallbackRuns", () => {
  it("keeps the essay's accented, curly, dash, Greek and Cyrillic characters in the serif face", () => {
    const essay = "Café naïve “quoted” ‘single’ — – … λόγος ἀρετή слово «правда» Łódź";
    expect(fallbackRuns(essay, "serif", fonts)).toEqual([{ face: "serif", text: essay }]);
    expect(fallbackRuns(essay, "serifBoldItalic", fonts)).toEqual([{ face: "serifBoldItalic", text: essay }]);
  });

  it("draws what only DejaVu Sans has in Sans, and writes out what no font has", () => {
    const runs = fallbackRuns("a ✓ 中 \u{1F9EA} b", "serif", fonts);
    expect(runs.find((run) => run.text === "✓")?.face).toBe("sans");
    expect(textOf(runs)).toBe("a ✓ [U+4E2D] [U+1F9EA] b");
    for (const run of runs)
      for (const char of run.text) expect(fonts.has(run.face, char.codePointAt(0)!)).toBe(true);
  });

  it("shows every reaction emoji, as itself or by its name, never as a missing glyph", () => {
    for (const emoji of limits.reactions) {
      const runs = fallbackRuns(emoji, "serif", fonts);
      expect(textOf(runs)).not.toBe("");
      for (const run of runs)
        for (const char of run.text) expect(fonts.has(run.face, char.codePointAt(0)!)).toBe(true);
    }
    expect(textOf(fallbackRuns("👍", "serif", fonts))).toBe("[thumbs up]");
  });

  it("drops invisible controls and selectors, turns tabs into spaces, keeps line breaks", () => {
    expect(textOf(fallbackRuns("a\tb\u0007c\nd\uFE0F", "serif", fonts))).toBe("a bc\nd");
  });
});

describe("markdownParagraphs", () => {
  it("styles emphasis, numbers and bullets list items, sets quotes in, and shows links as text and address", () => {
    const paragraphs = markdownParagraphs(
      "Some **bold** and _italic_ with [a link](https://example.org).\n\n1. one\n2. two\n\n- x\n\n> quoted\n\n<b>raw</b>",
    );
    expect(paragraphs.map((p) => [p.marker, p.level, p.muted, textOf(p.runs)])).toEqual([
      [null, 0, false, "Some bold and italic with a link (https://example.org)."],
      ["1.", 1, false, "one"],
      ["2.", 1, false, "two"],
      ["•", 1, false, "x"],
      [null, 1, true, "quoted"],
      [null, 0, false, "<b>raw</b>"],
    ]);
    const runs = paragraphs[0]!.runs;
    expect(runs.find((run) => run.text === "bold")).toMatchObject({ bold: true, italic: false });
    expect(runs.find((run) => run.text === "italic")).toMatchObject({ bold: false, italic: true });
    expect(runs.find((run) => run.text === "a link")).toMatchObject({ link: "https://example.org" });
  });

  it("does not repeat an address that is its own link text, and keeps a disallowed link as plain text", () => {
    expect(textOf(markdownParagraphs("see https://example.org")[0]!.runs)).toBe("see https://example.org");
    const unsafe = markdownParagraphs("[x](javascript:alert(1))")[0]!.runs;
    expect(unsafe.every((run) => run.link === null)).toBe(true);
  });
});
