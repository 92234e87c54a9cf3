// A participation snapshot as CSV: a BOM for Excel, one row per member, and names that look like formulas defused.
import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import { participationColumns, participationCsv } from "../../../server/domain/export/participation-csv.ts";

describe("participationCsv", () => {
  it("writes the columns and each member's figures, defusing a name a spreadsheet would run", () => {
    const csv = participationCsv({
      id: "00000000-0000-4000-8000-000000000000",
      takenAt: { at: "2027-03-28T08:00:00.000Z", local: "2027-03-28T10:00" },
      takenBy: null,
      dueAt: null,
      rows: [
        {
          userId: "00000000-0000-4000-8000-000000000001",
          displayName: '=HYPERLINK("x")',
          role: "member",
          dueAt: "2027-03-28T07:00:00.000Z",
          threads: 2,
          replies: 3,
          lateThreads: 1,
          lateReplies: 0,
        },
      ],
    });
    expect(csv.startsWith("\uFEFF")).toBe(true);
    const [header, row] = parse(csv, { bom: true }) as string[][];
    expect(header).toEqual([...participationColumns]);
    expect(row).toEqual([
      '\'=HYPERLINK("x")',
      "00000000-0000-4000-8000-000000000001",
      "member",
      "2027-03-28T07:00:00.000Z",
      "2",
      "3",
      "1",
      "0",
      "2027-03-28T08:00:00.000Z",
    ]);
  });
});
