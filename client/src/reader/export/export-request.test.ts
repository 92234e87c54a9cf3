// The Export dialog's download address: the format's own options, and the reader's filters only when asked.
import { describe, expect, it } from "vitest";
import { noFilters } from "../state/filters.ts";
import { exportUrl, isFiltering, type ExportChoice } from "./export-request.ts";

const choice: ExportChoice = {
  format: "md",
  layout: "discussion",
  filtered: false,
  includeResolved: true,
  excel: false,
  notes: false,
};
const query = (url: string) => Object.fromEntries(new URL(url, "http://x").searchParams);

describe("exportUrl", () => {
  it("asks for the format, and the layout only where there is one", () => {
    expect(exportUrl("r1", choice, noFilters, "me")).toBe("/api/rooms/r1/export?format=md&layout=discussion");
    expect(exportUrl("r1", { ...choice, format: "pdf" }, noFilters, "me", "export-jobs")).toBe(
      "/api/rooms/r1/export-jobs?format=pdf&layout=discussion",
    );
    expect(
      query(exportUrl("r1", { ...choice, format: "html", layout: "annotated" }, noFilters, "me")),
    ).toEqual({
      format: "html",
      layout: "annotated",
    });
    expect(query(exportUrl("r1", { ...choice, format: "csv", excel: true }, noFilters, "me"))).toEqual({
      format: "csv",
      bom: "true",
    });
    expect(query(exportUrl("r1", { ...choice, notes: true }, noFilters, "me")).includeNotes).toBe("true");
  });

  it("carries the reader's filters over only when asked, 'mine' as the user's own id", () => {
    const filters = {
      mine: true,
      status: "open" as const,
      tag: "question",
      member: null,
      query: " river ",
      section: null,
    };
    expect(query(exportUrl("r1", choice, filters, "me"))).toEqual({ format: "md", layout: "discussion" });
    expect(query(exportUrl("r1", { ...choice, filtered: true }, filters, "me"))).toEqual({
      format: "md",
      layout: "discussion",
      authorId: "me",
      status: "open",
      tag: "question",
      match: "river",
    });
    expect(
      query(exportUrl("r1", { ...choice, filtered: true }, { ...noFilters, member: "u2" }, "me")).authorId,
    ).toBe("u2");
  });

  it("leaves resolved threads out when unticked, unless a status filter already decides", () => {
    expect(
      query(exportUrl("r1", { ...choice, includeResolved: false }, noFilters, "me")).includeResolved,
    ).toBe("false");
    const resolvedOnly = { ...noFilters, status: "resolved" as const };
    const url = query(
      exportUrl("r1", { ...choice, filtered: true, includeResolved: false }, resolvedOnly, "me"),
    );
    expect(url).toMatchObject({ status: "resolved" });
    expect(url.includeResolved).toBeUndefined();
  });

  it("knows when the reader is filtering at all", () => {
    expect(isFiltering(noFilters)).toBe(false);
    expect(isFiltering({ ...noFilters, query: "   " })).toBe(false);
    for (const patch of [
      { mine: true },
      { status: "open" as const },
      { tag: "t" },
      { member: "u" },
      { query: "w" },
    ])
      expect(isFiltering({ ...noFilters, ...patch })).toBe(true);
  });
});
