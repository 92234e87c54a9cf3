// The analytics tables as CSV: a cell holding a line break stays one cell, as spreadsheets read the file.
import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import { analyticsCsv } from "../../server/domain/analytics/csv.ts";
import type { RoomAnalytics } from "../../shared/schemas/analytics.ts";

describe("analyticsCsv", () => {
  it("quotes an excerpt holding a bare line feed, so that its next line does not start a row", () => {
    const excerpt = "A verse\n=1+1 and on";
    const analytics = {
      confusion: [
        {
          blockId: "b",
          ordinal: 1,
          excerpt,
          questionThreads: 1,
          questionReplies: 0,
          confusedReactions: 0,
          total: 1,
        },
      ],
    } as unknown as RoomAnalytics;
    const csv = analyticsCsv(analytics, "confusion");
    const rows = parse(csv, { columns: true, record_delimiter: ["\r\n", "\n", "\r"] }) as Record<
      string,
      string
    >[];
    expect(rows).toEqual([expect.objectContaining({ rank: "1", block_id: "b", excerpt })]);
  });
});
