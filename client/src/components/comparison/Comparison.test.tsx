// The comparison of two versions: words struck and inserted with spoken cues, unchanged runs folded, excerpts cut.
import { cleanup, fireEvent, render, screen, within } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import type { VersionComparisonDto } from "../../api/http.ts";
import { Comparison } from "./Comparison.tsx";
import { WordDiff } from "./WordDiff.tsx";

afterEach(cleanup);

const comparison: VersionComparisonDto = {
  from: 1,
  to: 2,
  counts: { unchanged: 2, changed: 1, removed: 1, added: 1 },
  threshold: 0.5,
  entries: [
    { status: "unchanged", anchorIds: ["t", "p1"] },
    {
      status: "changed",
      oldAnchorId: "p2",
      newAnchorId: "p2b",
      kind: "paragraph",
      similarity: 0.8235,
      oldText: "The second paragraph disagrees politely.",
      newText: "The second paragraph disagrees gently.",
    },
    { status: "removed", oldAnchorId: "p3", kind: "paragraph", text: "The third paragraph." },
    { status: "added", newAnchorId: "p4", kind: "paragraph", text: "A new closing paragraph." },
  ],
};

describe("comparing versions", () => {
  it("marks the changed words with <del> and <ins>, each announced, and names every block's fate", () => {
    const texts = new Map([
      ["t", "A Short Text"],
      ["p1", "The first paragraph."],
    ]);
    render(<Comparison comparison={comparison} textOf={(id) => texts.get(id)} />);
    const list = screen.getByRole("list", { name: "Changes, in reading order" });
    const [unchanged, changed, removed, added] = within(list).getAllByRole("listitem");
    expect(changed!.querySelector("del")!.textContent).toBe("removed: politely");
    expect(changed!.querySelector("ins")!.textContent).toBe("added: gently");
    expect(changed!.textContent).toContain("Changed paragraph (82% similar)");
    expect(changed!.textContent).toContain("The second paragraph disagrees");
    expect(removed!.textContent).toBe("Removed paragraphremoved: The third paragraph.");
    expect(removed!.querySelector("del")).not.toBeNull();
    expect(added!.querySelector("ins")!.textContent).toBe("added: A new closing paragraph.");
    expect(screen.getByText(/Blocks: 2 unchanged, 1 changed, 1 removed, 1 added/)).toBeTruthy();

    // The unchanged run is folded under its count, its text there to unfold.
    const summary = within(unchanged!).getByText("2 unchanged blocks");
    expect(summary.closest("details")!.open).toBe(false);
    fireEvent.click(summary);
    expect(within(unchanged!).getByText("The first paragraph.")).toBeTruthy();
  });

  it("cuts long unchanged stretches around a change down to their ends in an excerpt", () => {
    const before = "word ".repeat(60);
    const after = " tail".repeat(60);
    const { container } = render(
      <WordDiff oldText={`${before}old${after}`} newText={`${before}new${after}`} excerpt />,
    );
    const shown = container.textContent!;
    expect(shown.startsWith("… ")).toBe(true);
    expect(shown.endsWith(" …")).toBe(true);
    expect(shown).toContain("removed: old");
    expect(shown).toContain("added: new");
    expect(shown.length).toBeLessThan(before.length);
  });
});
