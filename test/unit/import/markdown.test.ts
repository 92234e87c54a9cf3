// Markdown input: blocks from headings and paragraphs, inline marks with offsets into the plain text.
import { describe, expect, it } from "vitest";
import { createDictionary } from "../../../server/domain/import/dictionary.ts";
import { importText } from "../../../server/domain/import/import-text.ts";
import { detectMarkdown, parseInline } from "../../../server/domain/import/markdown.ts";

const dictionary = createDictionary([]);

const source = [
  "# On Margins",
  "",
  "by Ada Fairweather",
  "",
  "## Why annotate",
  "",
  "Reading *together* is **slower** and",
  "better, said [the group](https://example.org).[^1]",
  "",
  "- Use `code` for _names_ like `Y.Doc`.",
  "",
  "[^1]: A footnote body.",
].join("\n");

describe("Markdown import", () => {
  it("turns headings and paragraphs into blocks with marks and footnote refs carrying their notes", () => {
    const { document, report } = importText(source, { dictionary, format: "auto" });
    expect(report.format).toBe("markdown");
    expect(document.title).toBe("On Margins");
    expect(document.author).toBe("Ada Fairweather");
    const blocks = document.blocks.map(({ kind, text, marks, footnotes }) => ({
      kind,
      text,
      marks,
      footnotes,
    }));
    expect(blocks).toEqual([
      { kind: "title", text: "On Margins", marks: undefined, footnotes: [] },
      { kind: "author", text: "Ada Fairweather", marks: undefined, footnotes: [] },
      { kind: "heading", text: "Why annotate", marks: undefined, footnotes: [] },
      {
        kind: "paragraph",
        text: "Reading together is slower and better, said the group.",
        marks: [
          { type: "em", start: 8, end: 16 },
          { type: "strong", start: 20, end: 26 },
        ],
        footnotes: [{ marker: "1", offset: 54, note: { text: "A footnote body." } }],
      },
      {
        kind: "paragraph",
        text: "Use code for names like Y.Doc.",
        marks: [
          { type: "code", start: 4, end: 8 },
          { type: "em", start: 13, end: 18 },
          { type: "code", start: 24, end: 29 },
        ],
        footnotes: [],
      },
    ]);
  });

  it("parses nested and escaped inline syntax", () => {
    expect(parseInline("**bold *and em***")).toEqual({
      text: "bold and em",
      marks: [
        { type: "em", start: 5, end: 11 },
        { type: "strong", start: 0, end: 11 },
      ],
      footnotes: [],
    });
    expect(parseInline("a \\*literal\\* star and snake_case_name").text).toBe(
      "a *literal* star and snake_case_name",
    );
    expect(parseInline("a \\*literal\\* star and snake_case_name").marks).toEqual([]);
    expect(parseInline("![alt text](x.png) and <https://example.org>").text).toBe(
      "alt text and https://example.org",
    );
  });

  it("keeps a link's text whole when its address holds parentheses or a title", () => {
    expect(parseInline("See [the article](https://en.wikipedia.org/wiki/Foo_(bar)) now.").text).toBe(
      "See the article now.",
    );
    expect(parseInline('[a](x.html "A (titled) link") and ![fig](p_(1).png)').text).toBe("a and fig");
    expect(parseInline("[click](javascript:alert(1)) here").text).toBe("click here");
  });

  it("auto-detects conservatively", () => {
    expect(detectMarkdown(source)).toBe(true);
    expect(detectMarkdown("Plain text with a #hashtag and an o#shoring glyph.\n\nAnother *word* here.")).toBe(
      false,
    );
    expect(detectMarkdown("# not really\njust one heading-looking line")).toBe(false);
    const plain = importText("A Title\n\nSome text with *stars* kept as they are.", {
      dictionary,
      format: "auto",
    });
    expect(plain.report.format).toBe("text");
    expect(plain.document.blocks[1]?.text).toBe("Some text with *stars* kept as they are.");
  });
});
