// Anchoring imported quotes in a room's text: the file's own place when the text agrees, exact quotes chosen among
// repeats by context and position, close matches within the threshold, and detached otherwise — never a guess.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  anchorQuote,
  fuzzyMinLength,
  type TextBlock,
} from "../../../server/domain/annotations/anchor-quote.ts";

function blocksOf(...texts: string[]): TextBlock[] {
  let offset = 0;
  return texts.map((text, i) => {
    const block = { anchorId: `b${i}`, text, offset };
    offset += text.length + 2;
    return block;
  });
}

const blocks = blocksOf(
  "The river bends here, and the river runs on.",
  "A second paragraph about the river and the sea, with “curly quotes” and an emoji 🌊 inside.",
  "Short.",
);

describe("anchorQuote", () => {
  it("takes an exact quote where it occurs, with context from the room's text", () => {
    const result = anchorQuote(blocks, { exact: "the sea" });
    expect(result).toMatchObject({
      anchor: { blockId: "b1", start: 39, end: 46, exact: "the sea" },
      fuzzy: false,
    });
    const { prefix, suffix } = (result as { anchor: { prefix: string; suffix: string } }).anchor;
    expect(blocks[1]!.text.slice(0, 39).endsWith(prefix)).toBe(true);
    expect(blocks[1]!.text.slice(46).startsWith(suffix)).toBe(true);
    expect(prefix.length).toBeGreaterThan(20);
  });

  it("chooses among repeats by prefix and suffix, then by the position given", () => {
    const second = anchorQuote(blocks, { exact: "river", prefix: "and the ", suffix: " runs" });
    expect(second).toMatchObject({ anchor: { blockId: "b0", start: 30 } });
    const near = anchorQuote(blocks, { exact: "river", position: { start: 46 + 29, end: 46 + 34 } });
    expect(near).toMatchObject({ anchor: { blockId: "b1", start: 29 } });
    expect(second).toMatchObject({ fuzzy: false });
  });

  it("believes the file's block and offsets only when the text there is the quote", () => {
    expect(anchorQuote(blocks, { exact: "river", block: { id: "b1", start: 29, end: 34 } })).toMatchObject({
      anchor: { blockId: "b1", start: 29 },
    });
    expect(anchorQuote(blocks, { exact: "river", block: { id: "b1", start: 0, end: 5 } })).toMatchObject({
      anchor: { blockId: "b1", start: 29 }, // the block named still counts among the repeats
    });
  });

  it("anchors a quote of a whole block to the block", () => {
    expect(anchorQuote(blocks, { exact: "Short." })).toEqual({
      anchor: { blockId: "b2" },
      fuzzy: false,
    });
  });

  it("matches a close quote within the threshold, widened to whole characters", () => {
    const result = anchorQuote(blocks, { exact: "about the rivre and the sae" });
    expect(result).toMatchObject({ fuzzy: true, anchor: { blockId: "b1" } });
    expect((result as { anchor: { exact: string } }).anchor.exact).toContain("river and the se");
    const emoji = anchorQuote(blocks, { exact: "and an emoji 🌊 insdie" });
    expect((emoji as { anchor: { exact: string } }).anchor.exact).toMatch(/🌊/u);
  });

  it("detaches what is too far from the text, too short to match approximately, empty or across blocks", () => {
    expect(anchorQuote(blocks, { exact: "completely different words here" })).toEqual({
      detached: expect.stringContaining("not even with 20%"),
    });
    expect(anchorQuote(blocks, { exact: "rivre" })).toEqual({
      detached: expect.stringContaining(`under ${fuzzyMinLength} characters`),
    });
    expect(anchorQuote(blocks, { exact: "  " })).toEqual({ detached: "its quote is empty" });
    expect(anchorQuote(blocks, { exact: "runs on.\n\nA second" })).toEqual({
      detached: "its quote spans more than one paragraph",
    });
  });
});

describe("anchorQuote never guesses between places", () => {
  const word = fc.stringMatching(/^[a-z]{3,10}$/u);
  const filler = fc.stringMatching(/^[a-z ]{0,40}$/u);

  it("detaches a quote found in several places when the file gives nothing that tells them apart", () => {
    fc.assert(
      fc.property(word, fc.array(filler, { minLength: 3, maxLength: 5 }), (quote, parts) => {
        const text = parts.join(` ${quote.toUpperCase()} `);
        const count = parts.length - 1;
        const result = anchorQuote(blocksOf(text), { exact: quote.toUpperCase() });
        expect(result).toEqual({
          detached: `its quote occurs ${count} times and nothing in the file (prefix, suffix, position) tells which one is meant`,
        });
      }),
    );
  });

  it("anchors a quote found once, with no context, where it is", () => {
    fc.assert(
      fc.property(word, filler, filler, (quote, before, after) => {
        const exact = quote.toUpperCase();
        const result = anchorQuote(blocksOf(`${before} ${exact} ${after}`), { exact });
        expect(result).toMatchObject({ anchor: { start: before.length + 1, exact }, fuzzy: false });
      }),
    );
  });

  it("takes the one place the prefix or suffix picks out among repeats", () => {
    fc.assert(
      fc.property(word, fc.integer({ min: 0, max: 2 }), fc.boolean(), (quote, pick, byPrefix) => {
        const exact = quote.toUpperCase();
        const markers = ["alpha", "bravo", "charlie"];
        const text = markers.map((marker) => `${marker} ${exact} ${marker}`).join(" and ");
        const context = byPrefix ? { prefix: `${markers[pick]} ` } : { suffix: ` ${markers[pick]}` };
        const result = anchorQuote(blocksOf(text), { exact, ...context });
        const marker = markers[pick]!;
        expect(result).toMatchObject({
          anchor: { start: text.indexOf(`${marker} ${exact}`) + marker.length + 1 },
        });
      }),
    );
  });

  it("detaches a quote whose given prefix and suffix fit none of its places, however often it occurs", () => {
    fc.assert(
      fc.property(word, fc.array(filler, { minLength: 2, maxLength: 4 }), (quote, parts) => {
        const exact = quote.toUpperCase();
        const text = `x${parts.join(` ${exact} `)}x`;
        // Digits never occur in the text: this context contradicts every place.
        const result = anchorQuote(blocksOf(text), { exact, prefix: "0123456789 ", suffix: " 9876543210" });
        expect(result).toEqual({
          detached: expect.stringMatching(/prefix and suffix the file gives fit none/u),
        });
      }),
    );
  });

  it("does not count context against a place where the room's text begins or ends", () => {
    // A web page's header before the text, its footer after: all the room's text has there agrees.
    expect(
      anchorQuote(blocksOf("Opening words of the essay, and more."), {
        exact: "Opening words",
        prefix: "Site menu | Home | Essays\n",
      }),
    ).toMatchObject({ anchor: { start: 0 } });
    expect(
      anchorQuote(blocksOf("The essay ends here."), { exact: "ends here.", suffix: "\n© 2026 Site footer" }),
    ).toMatchObject({ anchor: { start: 10 } });
  });

  it("still tells repeats apart by the position given", () => {
    const text = "one WORD two WORD three WORD";
    expect(anchorQuote(blocksOf(text), { exact: "WORD", position: { start: 13, end: 17 } })).toMatchObject({
      anchor: { start: 13 },
    });
  });
});
