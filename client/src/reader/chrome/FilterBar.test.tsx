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
