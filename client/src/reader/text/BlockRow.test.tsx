// A block's tools name it: paragraphs by number, headings by their words.
import { cleanup, render, screen } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { block } from "../../testing/reader-room.ts";
import { BlockRow, blockLabel, blockNoun } from "./BlockRow.tsx";

afterEach(cleanup);

describe("the comment button of a block", () => {
  it("names a heading by its words, cut short", () => {
    expect(blockLabel(block(3, "heading", "The River"), null)).toBe("heading “The River”");
    expect(blockLabel(block(4, "paragraph", "Words."), 4)).toBe("paragraph 4");
    const text = `Chapter One: ${"a very long title ".repeat(5)}`;
    expect(blockLabel(block(5, "heading", text), null)).toBe(`heading “${text.slice(0, 39).trimEnd()}…”`);
  });

  it("calls numbered blocks paragraphs and others by their kind, in a sentence", () => {
    expect(blockNoun("paragraph", 4)).toBe("paragraph");
    expect(blockNoun("quote", 5)).toBe("paragraph");
    expect(blockNoun("heading", null)).toBe("heading");
  });

  it("says which heading it comments on", () => {
    const heading = block(3, "heading", "Of Patience and Time");
    render(
      <BlockRow
        block={heading}
        number={null}
        highlights={[]}
        threadCount={1}
        hasNote={false}
        readers={[]}
        activeId={null}
        onHighlightClick={vi.fn()}
        onComment={vi.fn()}
        onNote={vi.fn()}
        onOpenThreads={vi.fn()}
      />,
    );
    expect(screen.getByRole("button", { name: "Comment on heading “Of Patience and Time”" })).toBeTruthy();
    expect(screen.getByRole("button", { name: "1 thread on heading “Of Patience and Time”" })).toBeTruthy();
    expect(
      screen.getByRole("button", { name: "Add a private note on heading “Of Patience and Time”" }),
    ).toBeTruthy();
  });
});
