// The contents in a dialog (narrow windows): a named modal listing the headings as links to their rows, the one
// being read marked, and choosing one (or Escape) closes it.
import { cleanup, fireEvent, render, screen, within } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { Block } from "../../../../shared/schemas/documents.ts";
import { ContentsDialog } from "./ContentsDialog.tsx";

afterEach(cleanup);

const heading = (anchorId: string, text: string, ordinal: number): Block => ({
  kind: "heading",
  text,
  anchorId,
  ordinal,
  footnotes: [],
});
const headings = [heading("h-one", "The Present Tense", 3), heading("h-two", "Communization", 9)];

describe("ContentsDialog", () => {
  it("lists each heading as a link to its row, in reading order, inside a modal named Contents", () => {
    render(<ContentsDialog headings={headings} onClose={vi.fn()} />);
    const dialog = screen.getByRole("dialog", { name: "Contents" });
    expect(dialog.getAttribute("aria-modal")).toBe("true");
    const links = within(within(dialog).getByRole("navigation", { name: "Headings" })).getAllByRole("link");
    expect(links.map((link) => [link.textContent, link.getAttribute("href")])).toEqual([
      ["The Present Tense", "#p-h-one"],
      ["Communization", "#p-h-two"],
    ]);
  });

  it("marks the heading whose row has passed the reading line", () => {
    const row = document.createElement("div");
    row.id = "p-h-one";
    row.getBoundingClientRect = () => ({ top: 10 }) as DOMRect;
    document.body.append(row);
    try {
      render(<ContentsDialog headings={headings} onClose={vi.fn()} />);
      expect(screen.getByRole("link", { name: "The Present Tense" }).getAttribute("aria-current")).toBe(
        "location",
      );
      expect(screen.getByRole("link", { name: "Communization" }).getAttribute("aria-current")).toBeNull();
    } finally {
      row.remove();
    }
  });

  it("closes when a heading is chosen, and on Close", () => {
    const onClose = vi.fn();
    render(<ContentsDialog headings={headings} onClose={onClose} />);
    fireEvent.click(screen.getByRole("link", { name: "Communization" }));
    expect(onClose).toHaveBeenCalledTimes(1);
    fireEvent.click(screen.getByRole("button", { name: "Close" }));
    expect(onClose).toHaveBeenCalledTimes(2);
  });

  it("closes on Escape, which the reader behind it (closing its open thread on Escape) does not see", () => {
    const onClose = vi.fn();
    const readerKeys = vi.fn();
    document.addEventListener("keydown", readerKeys);
    try {
      render(<ContentsDialog headings={headings} onClose={onClose} />);
      fireEvent.keyDown(screen.getByRole("link", { name: "Communization" }), { key: "Escape" });
      expect(onClose).toHaveBeenCalledTimes(1);
      expect(readerKeys).not.toHaveBeenCalled();
    } finally {
      document.removeEventListener("keydown", readerKeys);
    }
  });
});
