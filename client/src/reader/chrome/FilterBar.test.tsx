// The filter bar's section choice: shown to instructors where the group has sections, and choosing one filters by
// its members.
import { cleanup, fireEvent, render, screen } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { countFilters, noFilters } from "../state/filters.ts";
import { FilterBar } from "./FilterBar.tsx";

const counts = countFilters([], "me");
const north = { id: "s1", name: "North", createdAt: "2026-11-01T00:00:00.000Z", memberIds: ["mel", "obi"] };

afterEach(cleanup);

describe("the section filter", () => {
  it("is absent without sections", () => {
    render(<FilterBar filters={noFilters} counts={counts} onChange={() => undefined} sections={[]} />);
    expect(screen.queryByLabelText("Section")).toBeNull();
  });

  it("filters by the chosen section's members, and back to all", () => {
    const onChange = vi.fn();
    const { rerender } = render(
      <FilterBar filters={noFilters} counts={counts} onChange={onChange} sections={[north]} />,
    );
    fireEvent.change(screen.getByLabelText("Section"), { target: { value: "s1" } });
    expect(onChange).toHaveBeenLastCalledWith({
      ...noFilters,
      section: { id: "s1", memberIds: ["mel", "obi"] },
    });
    const chosen = { ...noFilters, section: { id: "s1", memberIds: north.memberIds } };
    rerender(<FilterBar filters={chosen} counts={counts} onChange={onChange} sections={[north]} />);
    fireEvent.change(screen.getByLabelText("Section"), { target: { value: "" } });
    expect(onChange).toHaveBeenLastCalledWith({ ...noFilters, section: null });
  });
});

describe("a search that finds nothing", () => {
  it("says so and clears the search", () => {
    const onChange = vi.fn();
    const searching = { ...noFilters, mine: true, query: " zebra " };
    render(<FilterBar filters={searching} counts={counts} onChange={onChange} shown={0} />);
    expect(screen.getByRole("status").textContent).toContain("No threads match “zebra”.");
    fireEvent.click(screen.getByRole("button", { name: "Clear search" }));
    expect(onChange).toHaveBeenLastCalledWith({ ...noFilters, mine: true });
  });

  it("says so for other filters, and clears them", () => {
    const onChange = vi.fn();
    render(<FilterBar filters={{ ...noFilters, tag: "x" }} counts={counts} onChange={onChange} shown={0} />);
    expect(screen.getByRole("status").textContent).toContain("No threads match these filters.");
    fireEvent.click(screen.getByRole("button", { name: "Clear filters" }));
    expect(onChange).toHaveBeenLastCalledWith(noFilters);
  });

  it("says nothing while something is shown, or when nothing is filtered", () => {
    const { rerender } = render(
      <FilterBar
        filters={{ ...noFilters, query: "a" }}
        counts={counts}
        onChange={() => undefined}
        shown={2}
      />,
    );
    expect(screen.queryByRole("status")).toBeNull();
    rerender(<FilterBar filters={noFilters} counts={counts} onChange={() => undefined} shown={0} />);
    expect(screen.queryByRole("status")).toBeNull();
  });
});
