// The analytics tables as CSV (RFC 4180, csv-stringify), one table per file, every cell a spreadsheet would run as a
// formula defused as in the discussion export.
import { stringify } from "csv-stringify/sync";
import type { AnalyticsTable, RoomAnalytics } from "../../../shared/schemas/analytics.ts";
import { defuseFormula } from "../export/csv.ts";

type Cell = string | number;

const days = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];
const hours = Array.from({ length: 24 }, (_, hour) => `${String(hour).padStart(2, "0")}:00`);

/** Each table's header and rows. */
const tables: Record<AnalyticsTable, (analytics: RoomAnalytics) => { columns: string[]; rows: Cell[][] }> = {
  members: (analytics) => ({
    columns: [
      "user_id",
      "name",
      "role",
      "threads",
      "replies",
      "words",
      "reactions_given",
      "reactions_received",
      "questions",
      "hidden",
      "reading_seconds",
      "active_seconds",
      "paragraphs_read",
      "last_seen",
      "late_work",
    ],
    rows: analytics.members.map((m) => [
      m.userId,
      m.displayName,
      m.role,
      m.threads,
      m.replies,
      m.words,
      m.reactionsGiven,
      m.reactionsReceived,
      m.questions,
      m.hidden,
      m.readingSeconds,
      m.activeSeconds,
      m.paragraphsRead,
      m.lastSeen ?? "",
      m.lateWork ?? "",
    ]),
  }),
  paragraphs: (analytics) => ({
    columns: [
      "ordinal",
      "block_id",
      "threads",
      "replies",
      "questions",
      "readers",
      "reading_seconds",
      "active_seconds",
    ],
    rows: analytics.paragraphs.map((p) => [
      p.ordinal ?? "",
      p.blockId,
      p.threads,
      p.replies,
      p.questions,
      p.readers,
      p.readingSeconds,
      p.activeSeconds,
    ]),
  }),
  // The zone is in the header: a spreadsheet keeps no other note.
  timeline: (analytics) => ({
    columns: [`day (${analytics.timeline.timeZone})`, ...hours],
    rows: analytics.timeline.counts.map((counts, day) => [days[day]!, ...counts]),
  }),
  confusion: (analytics) => ({
    columns: [
      "rank",
      "ordinal",
      "block_id",
      "excerpt",
      "question_threads",
      "question_replies",
      "confused_reactions",
      "total",
    ],
    rows: analytics.confusion.map((c, i) => [
      i + 1,
      c.ordinal ?? "",
      c.blockId,
      c.excerpt,
      c.questionThreads,
      c.questionReplies,
      c.confusedReactions,
      c.total,
    ]),
  }),
};

/** One table of `analytics` as CSV text. */
export function analyticsCsv(analytics: RoomAnalytics, table: AnalyticsTable): string {
  const { columns, rows } = tables[table](analytics);
  return stringify([columns, ...rows], {
    record_delimiter: "windows",
    quote_record_delimiter: true, // a cell holding a bare line feed is quoted too (see export/csv.ts)
    cast: { string: defuseFormula },
  });
}
