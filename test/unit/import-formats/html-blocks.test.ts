// HTML to blocks: block kinds, whitespace as a browser shows it, marks at the right offsets, notes in common patterns.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseHtml } from "../../../server/domain/import/formats/dom.ts";
import { htmlToBlocks } from "../../../server/domain/import/formats/html-blocks.ts";
import { collectNotes } from "../../../server/domain/import/formats/notes.ts";

function blocksOf(html: string) {
  const document = parseHtml(`<!doctype html><html><body>${html}</body></html>`);
  const body = document.getElementsByTagName("body")[0]!;
  return htmlToBlocks(body, { notes: collectNotes([{ path: "", document }]).contextFor("", document) });
}

describe("htmlToBlocks", () => {
  it("makes the first h1 the title and later ones headings; quotes, items and nested lists are their own blocks", () => {
    expect(
      blocksOf(
        "<h1>Book</h1><h1>Part</h1><h3>Sub</h3><blockquote>Said <p>once</p></blockquote>" +
          "<ul><li>One<ul><li>One a</li></ul></li><li><p>Two</p></li></ul><dl><dt>Term</dt><dd>Meaning</dd></dl>",
      ).map(({ kind, text }) => [kind, text]),
    ).toEqual([
      ["title", "Book"],
      ["heading", "Part"],
      ["heading", "Sub"],
      ["quote", "Said"],
      ["quote", "once"],
      ["item", "One"],
      ["item", "One a"],
      ["item", "Two"],
      ["paragraph", "Term"],
      ["paragraph", "Meaning"],
    ]);
  });

  it("collapses whitespace as a browser does, keeps <pre> as written and <br> as a line break", () => {
    expect(
      blocksOf("<p>  a \n\t b <em> c </em> d </p><pre>x  =\n  1</pre><p>line<br>  next</p>").map((block) => [
        block.text,
        block.marks,
      ]),
    ).toEqual([
      ["a b c d", [{ type: "em", start: 4, end: 5 }]],
      ["x  =\n  1", [{ type: "code", start: 0, end: 8 }]],
      ["line\nnext", undefined],
    ]);
  });

  it("leaves out scripts, styles, forms, navigation and media, and never lets markup into the text", () => {
    expect(
      blocksOf(
        "<nav>Menu</nav><script>alert(1)</script><style>p{}</style><form>Email <input></form>" +
          "<p>&lt;img src=x onerror=alert(1)&gt; <img alt=pic src=y>ok<noscript>no</noscript></p>",
      ),
    ).toEqual([{ kind: "paragraph", text: "<img src=x onerror=alert(1)> ok", footnotes: [] }]);
  });

  it("nests marks: a strong inside an em and an em across two words", () => {
    expect(blocksOf("<p>x <i>a <b>b</b> c</i> y</p>")[0]?.marks).toEqual([
      { type: "em", start: 2, end: 7 },
      { type: "strong", start: 4, end: 5 },
    ]);
  });

  it("puts notes on their markers in the patterns web pages use", () => {
    const blocks = blocksOf(
      '<p>Pandoc.<a href="#fn1" class="footnote-ref" role="doc-noteref"><sup>1</sup></a> Aside' +
        '<a href="#n2">*</a> and link<sup><a href="#fn3">[3]</a></sup>.</p>' +
        '<aside id="n2" role="doc-footnote">Aside note.</aside>' +
        '<section class="footnotes"><ol><li id="fn1"><p>First.<a href="#fnref1" class="footnote-back">↩︎</a></p></li>' +
        '<li id="fn3"><p>Third, <em>marked</em>.</p></li></ol></section><p>After.</p>',
    );
    expect(blocks).toEqual([
      {
        kind: "paragraph",
        text: "Pandoc. Aside and link.",
        footnotes: [
          { marker: "1", offset: 7, note: { text: "First." } },
          { marker: "*", offset: 13, note: { text: "Aside note." } },
          {
            marker: "3",
            offset: 22,
            note: { text: "Third, marked.", marks: [{ type: "em", start: 7, end: 13 }] },
          },
        ],
      },
      { kind: "paragraph", text: "After.", footnotes: [] },
    ]);
  });

  it("leaves an ordinary in-page link and a section it leads to in the text", () => {
    expect(
      blocksOf('<p>See <a href="#s2">below</a>.</p><section id="s2"><h2>Two</h2><p>Body.</p></section>').map(
        (block) => block.text,
      ),
    ).toEqual(["See below.", "Two", "Body."]);
  });

  it("gives marks that cover exactly the emphasized words, whatever the spacing around them", () => {
    const word = fc.stringMatching(/^[a-zé]{1,6}$/u);
    const space = fc.constantFrom("", " ", "  ", "\n", " \t");
    fc.assert(
      fc.property(
        fc.array(fc.tuple(space, word, fc.boolean(), space), { minLength: 1, maxLength: 8 }),
        (parts) => {
          const html = parts
            .map(([before, w, em, after]) => `${before}${em ? `<em>${w}</em>` : w}${after} `)
            .join("");
          const [block] = blocksOf(`<p>${html}</p>`);
          const emphasized = parts.filter(([, , em]) => em).map(([, w]) => w);
          expect((block?.marks ?? []).map((mark) => block!.text.slice(mark.start, mark.end))).toEqual(
            emphasized,
          );
          expect(block?.text).toBe(parts.map(([, w]) => w).join(" "));
        },
      ),
    );
  });
});
