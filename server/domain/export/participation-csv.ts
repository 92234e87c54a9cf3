// A participation snapshot as CSV: one row per member, times in the group's zone and as instants.
import { stringify } from "csv-stringify/sync";
import type { SnapshotDto } from "../../../shared/schemas/assignments.ts";
import { defuseFormula } from "./csv.ts";

export const participationColumns = [
  "member",
  "user_id",
  "role",
  "due",
  "threads",
  "replies",
  "late_threads",
  "late_replies",
  "taken",
] as const;

/** With a byte order mark, which Excel needs to read UTF-8 (names are anyone's). */
export function participationCsv(snapshot: SnapshotDto): string {
  const rows = snapshot.rows.map((row) => [
    defuseFormula(row.displayName),
    row.userId,
    row.role,
    row.dueAt ?? "",
    row.threads,
    row.replies,
    row.lateThreads,
    row.lateReplies,
    snapshot.takenAt.at,
  ]);
  return "\uFEFF" + stringify([[...participationColumns], ...rows]);
}
