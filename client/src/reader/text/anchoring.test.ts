// Anchoring: DOM selections → block + offsets, across inline marks and footnote markers, and back to highlights.
import { describe, expect, it } from "vitest";
import { anchorFromSelection, locateAnchor, segmentBlock, textOffsetWithin } from "./anchoring.ts";

const text = "Reading slowly is reading twice, and the second time is the first.";

/** A block as BlockText renders it: marks as elements, a footnote marker the offsets must skip. */
function renderBlock(html: string): HTMLElement {
  const container = document.createElement("div");
  container.innerHTML = `<span class="pnum" data-no-offset>7</span><p data-block-id="b1">${html}</p>`;
  document.body.replaceChildren(container);
  return container.querySelector("p")!;
}

const textNodes = (root: Node): Text[] => {
  const found: Text[] = [];
  const walk = (node: Node) => {
    if (node.nodeType === 3) found.push(node as Text);
    node.childNodes.forEach(walk);
  };
  walk(root);
  return found;
};

describe("segmentBlock", () => {
  it("splits at marks, highlights and footnotes, keeping the text whole", () => {
    const pieces = segmentBlock(
      text,
      [{ type: "em", start: 8, end: 14 }],
      [{ marker: "3", offset: 32 }],
      [{ id: "t1", start: 0, end: 14 }],
    );
    const joined = pieces.map((piece) => (piece.kind === "text" ? piece.text : "")).join("");
    expect(joined).toBe(text);
    expect(pieces.find((piece) => piece.kind === "text" && piece.text === "slowly")).toMatchObject({
      marks: ["em"],
      highlights: ["t1"],
    });
    const noteIndex = pieces.findIndex((piece) => piece.kind === "footnote");
    const before = pieces[noteIndex - 1]!;
    expect(before.kind === "text" && before.end).toBe(32);
  });

  it("puts a footnote at the end of the block after the last text", () => {
    const pieces = segmentBlock("End.", [], [{ marker: "12", offset: 4 }]);
    expect(pieces.at(-1)).toEqual({ kind: "footnote", marker: "12", offset: 4 });
  });
});

describe("textOffsetWithin and anchorFromSelection", () => {
  it("maps a selection in plain text", () => {
    const block = renderBlock(text);
    const node = block.firstChild!;
    const anchor = anchorFromSelection(
      { startContainer: node, startOffset: 8, endContainer: node, endOffset: 14 },
      () => text,
    );
    expect(anchor).toMatchObject({ blockId: "b1", start: 8, end: 14, exact: "slowly", prefix: "Reading " });
  });

  it("maps a selection across inline markup and a footnote marker", () => {
    const block = renderBlock(
      `<span>Reading </span><em>slowly</em><span> is reading twice,</span><sup data-no-offset>3</sup><span> and the second time is the first.</span>`,
    );
    const nodes = textNodes(block);
    const slowly = nodes.find((node) => node.data === "slowly")!;
    const after = nodes.find((node) => node.data.startsWith(" and"))!;
    const anchor = anchorFromSelection(
      { startContainer: slowly, startOffset: 2, endContainer: after, endOffset: 8 },
      () => text,
    );
    // It starts inside "slowly" (offset 10), so it takes the whole word.
    expect(textOffsetWithin(block, slowly, 2)).toBe(10);
    expect(anchor?.exact).toBe(text.slice(8, 40));
    expect(anchor).toMatchObject({ start: 8, end: 40 });
  });

  it("maps a point inside a footnote marker to the marker's position", () => {
    const block = renderBlock(`<span>Reading slowly</span><sup data-no-offset>3</sup><span> is</span>`);
    const marker = textNodes(block).find((node) => node.data === "3")!;
    expect(textOffsetWithin(block, marker, 1)).toBe(14);
  });

  it("maps element boundary points (container + child index)", () => {
    const block = renderBlock(`<span>Reading </span><em>slowly</em><sup data-no-offset>3</sup>`);
    expect(textOffsetWithin(block, block, 2)).toBe(14);
    expect(textOffsetWithin(block, block, 3)).toBe(14);
  });

  it("trims whitespace and ignores empty or outside selections", () => {
    const block = renderBlock(text);
    const node = block.firstChild!;
    expect(
      anchorFromSelection(
        { startContainer: node, startOffset: 7, endContainer: node, endOffset: 15 },
        () => text,
      ),
    ).toMatchObject({ start: 8, end: 14 });
    expect(
      anchorFromSelection(
        { startContainer: node, startOffset: 7, endContainer: node, endOffset: 8 },
        () => text,
      ),
    ).toBeNull();
    const outside = document.createTextNode("elsewhere");
    expect(
      anchorFromSelection(
        { startContainer: outside, startOffset: 0, endContainer: outside, endOffset: 3 },
        () => text,
      ),
    ).toBeNull();
  });

  it("cuts a selection that runs into the next block at the end of its first block", () => {
    document.body.innerHTML = `<p data-block-id="a">First block.</p><p data-block-id="b">Second.</p>`;
    const [first, second] = [...document.querySelectorAll("p")].map((p) => p.firstChild!);
    const anchor = anchorFromSelection(
      { startContainer: first!, startOffset: 6, endContainer: second!, endOffset: 3 },
      (id) => (id === "a" ? "First block." : "Second."),
    );
    expect(anchor).toMatchObject({ blockId: "a", start: 6, end: 12, exact: "block." });
  });
});

describe("locateAnchor", () => {
  it("keeps matching offsets, follows a moved quote, and admits a lost one", () => {
    expect(locateAnchor({ blockId: "b", start: 8, end: 14, exact: "slowly" }, text)).toEqual({
      start: 8,
      end: 14,
    });
    expect(locateAnchor({ blockId: "b", start: 8, end: 14, exact: "slowly" }, `Oh. ${text}`)).toEqual({
      start: 12,
      end: 18,
    });
    expect(locateAnchor({ blockId: "b", start: 8, end: 14, exact: "quickly" }, text)).toBeNull();
    expect(locateAnchor({ blockId: "b" }, text)).toBeNull();
  });

  it("agrees with the server's matcher: an edited quote, another normalization, and no guess between twins", () => {
    const anchor = {
      blockId: "b",
      start: 16,
      end: 31,
      exact: "reading twice, ",
      prefix: "Reading slowly is ",
    };
    expect(locateAnchor({ ...anchor, exact: "reeding twice, a" }, text)).toEqual({ start: 18, end: 34 });
    const nfd = `Oh. ${text.replace("Reading", "R\u00e9ading")}`.normalize("NFD");
    expect(locateAnchor({ blockId: "b", start: 0, end: 5, exact: "R\u00e9ading" }, nfd)).toEqual({
      start: 4,
      end: 12,
    });
    const twins = "Read it twice. Read it twice.";
    expect(locateAnchor({ blockId: "b", start: 40, end: 53, exact: "Read it twice" }, twins)).toBeNull();
    expect(
      locateAnchor(
        { blockId: "b", start: 0, end: 13, exact: "Read it twice", suffix: ". Read" },
        `${twins}!`,
      ),
    ).toEqual({ start: 0, end: 13 });
  });
});
