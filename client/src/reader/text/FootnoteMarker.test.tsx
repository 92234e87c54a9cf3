// Footnote markers: a bare number when the note is not in the text; a keyboard-ready disclosure when it is, which
// never counts in the block's offsets.
import { cleanup, fireEvent, render, screen } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { Block } from "../../../../shared/schemas/documents.ts";
import { textOffsetWithin } from "./anchoring.ts";
import { BlockText } from "./BlockText.tsx";

afterEach(cleanup);

const block: Block = {
  kind: "paragraph",
  anchorId: "p-1",
  ordinal: 1,
  text: "A claim with a note. Another without one.",
  footnotes: [
    {
      marker: "1",
      offset: 20,
      note: { text: "See the first source.", marks: [{ type: "em", start: 8, end: 13 }] },
    },
    { marker: "2", offset: 41 },
  ],
};

const renderBlock = () =>
  render(<BlockText block={block} highlights={[]} activeThreadId={null} onHighlightClick={vi.fn()} />);

describe("FootnoteMarker", () => {
  it("leaves a marker without a note a plain superscript: no button, not focusable", () => {
    const { container } = renderBlock();
    const bare = [...container.querySelectorAll("sup")].find((sup) => sup.textContent === "2")!;
    expect(bare.querySelector("button")).toBeNull();
    expect(bare.hasAttribute("tabindex")).toBe(false);
    expect(screen.getAllByRole("button").map((button) => button.getAttribute("aria-label"))).toEqual([
      "Note 1",
    ]);
  });

  it("opens the note in place on click, closes it with Escape and gives focus back to the marker", () => {
    const { container } = renderBlock();
    const marker = screen.getByRole("button", { name: "Note 1" });
    expect(marker.getAttribute("aria-expanded")).toBe("false");
    expect(screen.queryByRole("note")).toBeNull();
    fireEvent.click(marker);
    const note = screen.getByRole("note");
    expect(marker.getAttribute("aria-expanded")).toBe("true");
    expect(marker.getAttribute("aria-controls")).toBe(note.id);
    expect(note.textContent).toBe("1 See the first source.");
    expect(note.querySelector("em")?.textContent).toBe("first");
    // The note is not the block's text: offsets after it are as without it.
    const paragraph = container.querySelector("p")!;
    const after = [...paragraph.querySelectorAll("span")].find(
      (span) => span.textContent === " Another without one.",
    )!;
    expect(textOffsetWithin(paragraph, after.firstChild!, 1)).toBe(21);
    const outside = vi.fn();
    document.addEventListener("keydown", outside);
    fireEvent.keyDown(note, { key: "Escape" });
    document.removeEventListener("keydown", outside);
    expect(outside).not.toHaveBeenCalled();
    expect(screen.queryByRole("note")).toBeNull();
    expect(document.activeElement).toBe(marker);
  });

  it("closes when the reader clicks elsewhere", () => {
    renderBlock();
    fireEvent.click(screen.getByRole("button", { name: "Note 1" }));
    fireEvent.pointerDown(screen.getByRole("note"));
    expect(screen.queryByRole("note")).not.toBeNull();
    fireEvent.pointerDown(document.body);
    expect(screen.queryByRole("note")).toBeNull();
  });
});
