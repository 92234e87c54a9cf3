// The new thread's composer says what it comments on: the selected passage (quoted above it), or the block by name.
import { cleanup, render, screen } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { NewThread } from "./NewThread.tsx";

afterEach(cleanup);

const renderDraft = (draft: { blockId: string; exact?: string }, noun: string) =>
  render(<NewThread draft={draft} noun={noun} onCreate={vi.fn()} onCancel={vi.fn()} />);

describe("NewThread", () => {
  it("names the block it comments on: a heading is not called a paragraph", () => {
    renderDraft({ blockId: "h1" }, "heading");
    expect(screen.getByRole("textbox", { name: "Comment on this heading" })).toBeTruthy();
  });

  it("names the selected passage, quoted above the box", () => {
    renderDraft({ blockId: "b1", exact: "patience" }, "paragraph");
    expect(screen.getByRole("textbox", { name: "Comment on the selected passage" })).toBeTruthy();
    expect(screen.getByText("patience").tagName).toBe("BLOCKQUOTE");
  });
});
