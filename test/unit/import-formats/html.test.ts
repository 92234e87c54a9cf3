// Saved web pages to blocks: the article without the site around it, with its notes (test/fixtures/formats).
import { describe, expect, it } from "vitest";
import { convertHtml } from "../../../server/domain/import/formats/html.ts";
import { fixtureText } from "./zip-fixture.ts";

describe("convertHtml", () => {
  it("keeps the article with its notes and drops the navigation, header, sidebar, footer, form and scripts", () => {
    expect(convertHtml(fixtureText("saved-page.html"))).toEqual({
      title: "Marginalia and the Common Reader",
      author: "Theo Brandt",
      blocks: [
        { kind: "title", text: "Marginalia and the Common Reader", footnotes: [] },
        {
          kind: "paragraph",
          text:
            "Readers have always written in the margins of their books. A pencilled no! beside a confident claim, " +
            "a line under a sentence worth keeping: these are the traces of a conversation that the printed page " +
            "only begins. Libraries once scrubbed such notes away, and collectors now pay for them.",
          footnotes: [
            {
              marker: "1",
              offset: 213,
              note: {
                text: "H. J. Jackson, Marginalia: Readers Writing in Books (2001).",
                marks: [{ type: "em", start: 15, end: 51 }],
              },
            },
          ],
          marks: [{ type: "em", start: 71, end: 74 }],
        },
        { kind: "heading", text: "Reading in company", footnotes: [] },
        {
          kind: "paragraph",
          text:
            "When several readers share one copy, the margin becomes a meeting place. Each hand answers the last; " +
            "a question left in ink in one decade is answered in another, sometimes with ibid. and nothing more.",
          footnotes: [
            { marker: "2", offset: 200, note: { text: "A habit of scholars since the sixteenth century." } },
          ],
          marks: [
            { type: "strong", start: 103, end: 111 },
            { type: "code", start: 177, end: 182 },
          ],
        },
        { kind: "quote", text: "The margin is the reader’s half of the page.", footnotes: [] },
        {
          kind: "paragraph",
          text:
            "What the common reader wants is not a verdict but company: someone else who stopped at the same " +
            "sentence, and said so, so that reading slowly is not reading alone.",
          footnotes: [],
        },
        { kind: "item", text: "Write in pencil.", footnotes: [] },
        { kind: "item", text: "Date your notes.", footnotes: [] },
      ],
    });
  });

  it("refuses at once a page nested deeper than browsers nest (512), and reads one at that depth", () => {
    const nested = (depth: number) =>
      `<!doctype html><html><body>${"<em>".repeat(depth)}deep${"</em>".repeat(depth)}</body></html>`;
    const started = performance.now();
    expect(() => convertHtml(nested(100_000))).toThrow(/nested more than 512 deep.*not read/u);
    expect(performance.now() - started).toBeLessThan(1500);
    expect(() => convertHtml(nested(1000))).toThrow(/nested more than 512 deep/u);
    expect(convertHtml(nested(500)).blocks.map((block) => block.text)).toEqual(["deep"]);
  });

  it("reads a bare fragment without an article, and takes its title from the page when it has no h1", () => {
    const result = convertHtml("<title>Short</title><p>Only <b>one</b> line.</p>");
    expect(result).toEqual({
      title: "Short",
      blocks: [
        {
          kind: "paragraph",
          text: "Only one line.",
          footnotes: [],
          marks: [{ type: "strong", start: 5, end: 8 }],
        },
      ],
    });
  });
});
