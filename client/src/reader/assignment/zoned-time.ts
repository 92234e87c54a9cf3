// How the reader shows an assignment's times: in the group's zone, and in the reader's own when it differs.
import type { ZonedTime } from "../../../../shared/schemas/assignments.ts";

/** The reader's own IANA time zone, as the browser knows it. */
export const readerTimeZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone;

/** "Sun, 28 Mar 2027, 09:00" as clocks in `timeZone` show `at`. */
export function formatIn(at: string, timeZone: string): string {
  return new Intl.DateTimeFormat(undefined, {
    weekday: "short",
    day: "numeric",
    month: "short",
    year: "numeric",
    hour: "2-digit",
    minute: "2-digit",
    timeZone,
  }).format(new Date(at));
}

/** "Sun, 28 Mar 2027, 09:00 (Europe/Berlin) — 03:00 your time (America/New_York)" */
export function describeTime(time: ZonedTime, groupZone: string, ownZone = readerTimeZone()): string {
  const there = `${formatIn(time.at, groupZone)} (${groupZone})`;
  return ownZone === groupZone ? there : `${there} — ${formatIn(time.at, ownZone)} your time (${ownZone})`;
}
