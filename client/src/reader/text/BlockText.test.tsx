// BlockText: a selection on it → an anchor → a highlight, across emphasis and footnote markers.
import { cleanup, fireEvent, render } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { Block } from "../../../../shared/schemas/documents.ts";
import { anchorFromSelection, locateAnchor, textOffsetWithin } from "./anchoring.ts";
import { BlockText } from "./BlockText.tsx";
import { withDraftHighlight } from "./draft-highlight.ts";
import { rangeOfOffsets } from "./passage-rect.ts";

afterEach(cleanup);

describe("BlockText: selection → anchor → highlight", () => {
  const block: Block = {
    kind: "paragraph",
    anchorId: "p-1",
    ordinal: 3,
    text: "Reading slowly is reading twice, and the second time is the first.",
    footnotes: [{ marker: "3", offset: 32 }],
    marks: [{ type: "em", start: 8, end: 14 }],
  };

  it("anchors a selection across the emphasis and the footnote marker, then draws it as a highlight", () => {
    const { container, rerender } = render(
      <BlockText block={block} highlights={[]} activeThreadId={null} onHighlightClick={vi.fn()} />,
    );
    expect(container.querySelector("em")?.textContent).toBe("slowly");
    expect(container.querySelector("sup")?.textContent).toBe("3");
    const em = container.querySelector("em")!.firstChild!;
    const tail = [...container.querySelectorAll("span")].find((span) =>
      span.textContent?.startsWith(" and"),
    )!;
    const anchor = anchorFromSelection(
      { startContainer: em, startOffset: 0, endContainer: tail.firstChild!, endOffset: 4 },
      () => block.text,
    )!;
    expect(anchor).toMatchObject({
      blockId: "p-1",
      start: 8,
      end: 36,
      exact: "slowly is reading twice, and",
    });
    const range = locateAnchor(anchor, block.text)!;
    const onClick = vi.fn();
    rerender(
      <BlockText
        block={block}
        highlights={[{ id: "t1", ...range }]}
        activeThreadId="t1"
        onHighlightClick={onClick}
      />,
    );
    const marks = [...container.querySelectorAll("mark")];
    expect(marks.map((mark) => mark.textContent).join("")).toBe(anchor.exact);
    expect(marks.every((mark) => mark.classList.contains("active"))).toBe(true);
    // The footnote marker stays outside the highlight and outside the text.
    expect(container.querySelector("mark sup")).toBeNull();
    expect(container.querySelector("p")?.textContent).toBe(
      block.text.slice(0, 32) + "3" + block.text.slice(32),
    );
    fireEvent.click(marks[0]!);
    expect(onClick).toHaveBeenCalledWith("t1");
  });
});

describe("BlockText: quotations and list items", () => {
  it("shows a quote as a block quotation, and a thread on a passage across its emphasis highlights it", () => {
    const quote: Block = {
      kind: "quote",
      anchorId: "q-1",
      ordinal: 4,
      text: "The margin is the reader’s half of the page.",
      footnotes: [],
      marks: [{ type: "em", start: 18, end: 26 }],
    };
    const { container, rerender } = render(
      <BlockText block={quote} highlights={[]} activeThreadId={null} onHighlightClick={vi.fn()} />,
    );
    const blockquote = container.querySelector("blockquote.text.quote")!;
    expect(blockquote.textContent).toBe(quote.text);
    const em = container.querySelector("em")!.firstChild!;
    const tail = [...container.querySelectorAll("span")].find((span) =>
      span.textContent?.startsWith(" half"),
    )!;
    const anchor = anchorFromSelection(
      {
        startContainer: blockquote.firstChild!.firstChild!,
        startOffset: 4,
        endContainer: tail.firstChild!,
        endOffset: 5,
      },
      () => quote.text,
    )!;
    expect(anchor).toMatchObject({ blockId: "q-1", start: 4, end: 31, exact: "margin is the reader’s half" });
    expect(em.textContent).toBe("reader’s");
    rerender(
      <BlockText
        block={quote}
        highlights={[{ id: "t2", ...locateAnchor(anchor, quote.text)! }]}
        activeThreadId={null}
        onHighlightClick={vi.fn()}
      />,
    );
    expect([...container.querySelectorAll("mark")].map((mark) => mark.textContent).join("")).toBe(
      anchor.exact,
    );
  });

  it("shows a list item as a paragraph of its own kind", () => {
    const item: Block = {
      kind: "item",
      anchorId: "i-1",
      ordinal: 5,
      text: "Write in pencil.",
      footnotes: [],
    };
    const { container } = render(
      <BlockText block={item} highlights={[]} activeThreadId={null} onHighlightClick={vi.fn()} />,
    );
    expect(container.querySelector("p.text.item")?.textContent).toBe("Write in pencil.");
  });
});

describe("rangeOfOffsets: block offsets back to the DOM", () => {
  it("finds a passage across marks and footnote markers: the inverse of textOffsetWithin", () => {
    const block: Block = {
      kind: "paragraph",
      anchorId: "p-2",
      ordinal: 1,
      text: "Reading slowly is reading twice, and the second time is the first.",
      footnotes: [{ marker: "3", offset: 32 }],
      marks: [{ type: "em", start: 8, end: 14 }],
    };
    const { container } = render(
      <BlockText block={block} highlights={[]} activeThreadId={null} onHighlightClick={vi.fn()} />,
    );
    const element = container.querySelector("p")!;
    for (const [start, end] of [
      [0, 7],
      [8, 36],
      [30, block.text.length],
    ] as const) {
      const range = rangeOfOffsets(element, start, end)!;
      expect(textOffsetWithin(element, range.startContainer, range.startOffset)).toBe(start);
      expect(textOffsetWithin(element, range.endContainer, range.endOffset)).toBe(end);
    }
    expect(rangeOfOffsets(element, 60, 90)).toBeNull();
  });
});

describe("BlockText: the draft's passage", () => {
  const block: Block = {
    kind: "paragraph",
    anchorId: "p-3",
    ordinal: 1,
    text: "The second time is the first.",
    footnotes: [],
  };

  it("is marked as a draft, counts for no thread and opens none", () => {
    const draft = { blockId: "p-3", start: 4, end: 10, exact: "second" };
    const highlights = withDraftHighlight(
      new Map([["p-3", [{ id: "t1", start: 4, end: 17 }]]]),
      draft,
      block.text,
    );
    const onClick = vi.fn();
    const { container } = render(
      <BlockText
        block={block}
        highlights={highlights.get("p-3")!}
        activeThreadId={null}
        onHighlightClick={onClick}
      />,
    );
    const [both, thread] = [...container.querySelectorAll("mark")];
    expect(both!.textContent).toBe("second");
    expect(both!.className).toBe("hl hl-1 draft");
    expect(both!.dataset.threads).toBe("t1");
    expect(thread!.className).toBe("hl hl-1");
    fireEvent.click(both!);
    expect(onClick).toHaveBeenCalledWith("t1");
    const alone = withDraftHighlight(new Map(), draft, block.text);
    const { container: other } = render(
      <BlockText
        block={block}
        highlights={alone.get("p-3")!}
        activeThreadId={null}
        onHighlightClick={onClick}
      />,
    );
    fireEvent.click(other.querySelector("mark.draft")!);
    expect(onClick).toHaveBeenCalledTimes(1);
    expect(withDraftHighlight(highlights, { blockId: "p-3" }, block.text)).toBe(highlights);
  });
});

describe("BlockText: a hidden thread's passage", () => {
  const block: Block = {
    kind: "paragraph",
    anchorId: "p-4",
    ordinal: 1,
    text: "The second time is the first.",
    footnotes: [],
  };

  it("is dimmed, still opens its thread, and stops dimming where a thread not hidden overlaps it", () => {
    const onClick = vi.fn();
    const { container } = render(
      <BlockText
        block={block}
        highlights={[
          { id: "hidden", start: 4, end: 17, hidden: true },
          { id: "shown", start: 11, end: 28 },
        ]}
        activeThreadId={null}
        onHighlightClick={onClick}
      />,
    );
    const marks = [...container.querySelectorAll("mark")].map((mark) => [mark.textContent, mark.className]);
    expect(marks).toEqual([
      ["second ", "hl hl-0 hl-hidden"],
      ["time i", "hl hl-1"],
      ["s the first", "hl hl-1"],
    ]);
    fireEvent.click(container.querySelector("mark.hl-hidden")!);
    expect(onClick).toHaveBeenCalledWith("hidden");
  });
});
