// The one byline recogniser the plain-text, PDF and file-format imports share: a line under a title to its author.
import { describe, expect, it } from "vitest";
import { authorOfLine, bylineName, isNameLine } from "../../../server/domain/import/byline.ts";
import { createDictionary } from "../../../server/domain/import/dictionary.ts";
import { toConvertedFile } from "../../../server/domain/import/formats/convert-file.ts";
import { importText } from "../../../server/domain/import/import-text.ts";

const paragraph = (text: string) => ({ kind: "paragraph" as const, text, footnotes: [] });
const title = (text: string) => ({ kind: "title" as const, text, footnotes: [] });
const kindsAndTexts = (drafts: readonly { kind: string; text: string }[]) =>
  drafts.map((block) => [block.kind, block.text]);

describe("bylines", () => {
  it.each([
    ["Written by Mara Quill", "Mara Quill"],
    ["By Ada Fairweather", "Ada Fairweather"],
    ["by J. R. Hartley", "J. R. Hartley"],
    ["By Sunita Marlowe · 14 March 2026 · 4 min read", "Sunita Marlowe"],
    ["By Ann Lee | Updated 3 May", "Ann Lee"],
    ["By Ann Lee, 14 March 2026", "Ann Lee"],
    ["By Ann Lee, Bo Park and Cy Dunn", "Ann Lee, Bo Park and Cy Dunn"],
    ["Words by Simone de Beauvoir — Paris", "Simone de Beauvoir"],
    ["BY JANE DOE", "JANE DOE"],
  ])("reads %s as naming %s", (line, name) => {
    expect(bylineName(line)).toBe(name);
    expect(authorOfLine(line)).toBe(name);
  });

  it.each([
    "By the middle of the century the brothers had gone",
    "by and large",
    "Bylines matter",
    "Written by hand",
  ])("does not take the sentence %s for a byline", (line) => expect(bylineName(line)).toBeUndefined());

  it.each(["Mara Quill", "Ludwig van Beethoven", "J.R.R. Tolkien", "Jane A Smith", "Ann Lee and Bo Park"])(
    "takes %s alone for a name",
    (line) => expect(authorOfLine(line)).toBe(line),
  );

  it.each([
    "A Short History",
    "Notes on the Keeping of Bees",
    "Pride and Prejudice",
    "One Two Three Four Five Six",
    "notes on margins",
    "The argument begins here.",
    "By Ada Fairweather",
  ])("does not take %s alone for a name", (line) => expect(isNameLine(line)).toBe(false));

  it("gives a plain text's author the name only, whatever the byline adds after it", () => {
    const text = [
      "The Library That Lends Tools",
      "By Sunita Marlowe · 14 March 2026 · 4 min read",
      "",
      "The library opens on Saturdays and lends drills, saws and ladders to anyone who asks.",
    ].join("\n");
    const { document } = importText(text, { dictionary: createDictionary(["the"]), format: "text" });
    expect(document.author).toBe("Sunita Marlowe");
    expect(document.blocks.map((block) => block.kind)).toEqual(["title", "author", "paragraph"]);
  });

  it("makes a byline under a converted file's title its author block, with the name only, before the stated author", () => {
    const converted = toConvertedFile("epub", {
      blocks: [title("A Small Garden"), paragraph("by Peter Laidlaw"), paragraph("The plot was small.")],
      author: "Laidlaw, Peter",
    });
    expect(kindsAndTexts(converted.drafts)).toEqual([
      ["title", "A Small Garden"],
      ["author", "Peter Laidlaw"],
      ["paragraph", "The plot was small."],
    ]);
    const named = toConvertedFile("docx", {
      blocks: [title("How We Read"), paragraph("Clare Denholm"), paragraph("We meet.")],
    });
    expect(named.drafts.map((block) => block.kind)).toEqual(["title", "author", "paragraph"]);
  });

  it("takes a heading under the title for the author when it is a byline or names the stated author", () => {
    const heading = (text: string) => ({ kind: "heading" as const, text, footnotes: [] });
    const stated = toConvertedFile("epub", {
      blocks: [title("A Small Garden"), heading("Peter Laidlaw"), paragraph("The plot was small.")],
      author: "Laidlaw, Peter",
    });
    expect(kindsAndTexts(stated.drafts).slice(0, 2)).toEqual([
      ["title", "A Small Garden"],
      ["author", "Peter Laidlaw"],
    ]);
    const byline = toConvertedFile("html", {
      blocks: [title("A Small Garden"), heading("By Peter Laidlaw"), paragraph("The plot was small.")],
    });
    expect(kindsAndTexts(byline.drafts)[1]).toEqual(["author", "Peter Laidlaw"]);
    // A chapter named after a person is not the author.
    const chapter = toConvertedFile("epub", {
      blocks: [title("Lives"), heading("Ada Lovelace"), paragraph("She was born in 1815.")],
      author: "Peter Laidlaw",
    });
    expect(kindsAndTexts(chapter.drafts)).toEqual([
      ["title", "Lives"],
      ["author", "Peter Laidlaw"],
      ["heading", "Ada Lovelace"],
      ["paragraph", "She was born in 1815."],
    ]);
  });

  it("leaves a name-like paragraph that is not right under the title as it is", () => {
    const converted = toConvertedFile("docx", {
      blocks: [title("How We Read"), paragraph("We meet."), paragraph("Clare Denholm")],
      author: "Clare Denholm",
    });
    expect(kindsAndTexts(converted.drafts)).toEqual([
      ["title", "How We Read"],
      ["author", "Clare Denholm"],
      ["paragraph", "We meet."],
      ["paragraph", "Clare Denholm"],
    ]);
  });
});
