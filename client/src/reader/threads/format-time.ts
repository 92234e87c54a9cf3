// How thread cards say when something was written: relative to now ("3 minutes ago", "yesterday"), with the date
// and time in full for a tooltip.

const minute = 60_000;
const hour = 60 * minute;

/** The date and time in full, in the reader's locale ("Nov 26, 2026, 10:00 AM"). */
export function formatAbsolute(at: Date, locale?: string): string {
  return new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeStyle: "short" }).format(at);
}

/** Whole calendar days between two instants, in the reader's time zone (daylight-saving days count as one). */
function calendarDays(from: Date, to: Date): number {
  const day = (date: Date) => new Date(date.getFullYear(), date.getMonth(), date.getDate()).getTime();
  return Math.round((day(to) - day(from)) / (24 * hour));
}

/**
 * When `then` was, seen from `now` (both milliseconds since the epoch), in the reader's locale: "now" under 45
 * seconds; minutes under 45 minutes; hours under 6 hours or on the same day; "yesterday"; days within a week; then
 * the date ("Mar 5", with the year when it is not this year). A time more than a minute ahead (a wrong clock) gets
 * the date too. Empty for an invalid time.
 */
export function formatRelative(then: number, now: number, locale?: string): string {
  if (Number.isNaN(then)) return "";
  const relative = new Intl.RelativeTimeFormat(locale, { numeric: "auto" });
  const elapsed = now - then;
  const days = calendarDays(new Date(then), new Date(now));
  if (elapsed >= -minute && elapsed < 45_000) return relative.format(0, "second");
  if (elapsed >= 0 && elapsed < 45 * minute)
    return relative.format(-Math.max(1, Math.round(elapsed / minute)), "minute");
  if (elapsed >= 0 && (elapsed < 6 * hour || days === 0)) {
    return relative.format(-Math.max(1, Math.round(elapsed / hour)), "hour");
  }
  if (elapsed >= 0 && days >= 1 && days < 7) return relative.format(-days, "day");
  const date = new Date(then);
  const sameYear = date.getFullYear() === new Date(now).getFullYear();
  return new Intl.DateTimeFormat(locale, {
    month: "short",
    day: "numeric",
    ...(sameYear ? {} : { year: "numeric" }),
  }).format(date);
}
