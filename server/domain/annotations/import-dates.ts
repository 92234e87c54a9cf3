// The dates an imported file gives, checked against the import's clock: a date that does not parse, lies in the
// future or before year 1 is not believed (the import time stands in, with a warning), never silently replaced.
/** How far past the import's clock a date may lie: clocks of other machines run a little ahead. */
export const clockSkewMs = 5 * 60_000;

/** A date read from the file, or why it was not taken. */
export type CheckedDate = { date: Date } | { problem: string } | null;

/** `text` as a date no later than `now` (plus clockSkewMs) and no earlier than year 1; null when there is none. */
export function checkDate(text: string | null, now: Date): CheckedDate {
  if (text === null || text.trim() === "") return null;
  const date = new Date(text);
  const shown = JSON.stringify(text.slice(0, 60));
  if (Number.isNaN(date.getTime())) return { problem: `${shown} is not a date` };
  if (date.getTime() > now.getTime() + clockSkewMs) return { problem: `${shown} is in the future` };
  if (date.getUTCFullYear() < 1) return { problem: `${shown} is before the year 1` };
  return { date };
}
