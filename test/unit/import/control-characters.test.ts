// Control characters never reach a stored text or title: a terminal escape in a title would run in whoever's terminal
// lists it (the export command's room list), and none of them means anything in a text.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createDictionary } from "../../../server/domain/import/dictionary.ts";
import { importText } from "../../../server/domain/import/import-text.ts";
import { loadEnglishDictionary } from "../../../server/domain/import/load-dictionary.ts";

const dictionary = createDictionary([]);
// eslint-disable-next-line no-control-regex -- looking for exactly these
const controls = /[\u0000-\u0008\u000B\u000D-\u001F\u007F-\u009F]/u;

describe("control characters", () => {
  it("removes whole escape sequences from a title, given or detected, and other controls from the text", () => {
    const hostile = "\u001b]0;pwned\u0007\u001b[31mRED TITLE\u001b[2J";
    const detected = importText(`${hostile}\n\nA para\u0000graph\u0008.`, { dictionary, format: "text" });
    expect(detected.document.title).toBe("RED TITLE");
    expect(detected.document.blocks.map((block) => block.text)).toEqual(["RED TITLE", "A paragraph."]);
    const given = importText("A paragraph.", {
      dictionary,
      format: "text",
      title: hostile,
      author: "\u001b[1mAnn",
    });
    expect([given.document.title, given.document.author]).toEqual(["RED TITLE", "Ann"]);
  });

  it("leaves none in any block, title or author, whatever the text (property)", () => {
    fc.assert(
      fc.property(
        fc.string({ unit: "binary", maxLength: 200 }),
        fc.constantFrom("text", "markdown"),
        (source, format) => {
          const { document } = importText(source, { dictionary, format });
          for (const text of [
            document.title,
            document.author ?? "",
            ...document.blocks.map((block) => block.text),
          ])
            expect(text).not.toMatch(controls);
        },
      ),
      { numRuns: 200 },
    );
    // Each run is a whole import; a loaded machine needs more than the default 5 s for 200 of them.
  }, 30_000);

  it("reads control codes standing for ligatures (a T1 font without a Unicode map) as their letters", () => {
    // TeX's T1 encoding: 0x1B ff, 0x1C fi, 0x1D fl, 0x1E ffi; the escape sequence is still removed whole.
    const source = [
      "The \u001Crst bees \u001Dew o\u001B to \u001Cnd \u001Dowers in the \u001Celd.",
      "Their e\u001Bort was e\u001Ecient, the \u001Cnal \u001Dight di\u001Berent.",
      "The su\u001Ecient o\u001Ber of the \u001Crst \u001Cve \u001Celds\u001B[2J.",
    ].join("\n\n");
    const { document, report } = importText(source, { dictionary: loadEnglishDictionary(), format: "text" });
    expect(document.blocks.map((block) => block.text)).toEqual([
      "The first bees flew off to find flowers in the field.",
      "Their effort was efficient, the final flight different.",
      "The sufficient offer of the first five fields.",
    ]);
    expect(report.ligatures.map(({ glyph, replacement }) => [glyph, replacement]).sort()).toEqual([
      ["\u001B", "ff"],
      ["\u001C", "fi"],
      ["\u001D", "fl"],
      ["\u001E", "ffi"],
    ]);
  });
});
