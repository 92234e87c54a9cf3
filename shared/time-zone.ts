// Local date-times in a named (IANA) time zone ↔ instants, with Intl only: how a group's dates are entered and shown.

/** A local date-time as forms enter it: "2027-03-28T09:30" (seconds, if given, must be 00). */
export const localDateTimePattern = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::00)?$/;

const formatters = new Map<string, Intl.DateTimeFormat>();

/** One cached formatter per zone: creating an Intl.DateTimeFormat costs far more than using one. */
function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/**
 * True for a time zone name Intl knows ("Europe/Berlin", "UTC"). Offsets ("+01:00") and abbreviations ("CET")
 * are refused even where Intl takes them: a group's zone must follow daylight saving by name.
 */
export function isTimeZone(name: string): boolean {
  if (name !== "UTC" && !/^[A-Za-z]+(?:\/[A-Za-z0-9_+-]+)+$/.test(name)) return false;
  try {
    formatterFor(name);
    return true;
  } catch {
    return false;
  }
}

/** The wall-clock fields at `instant` in `timeZone`, as a UTC millisecond count (to subtract offsets with). */
function wallClockMs(instant: number, timeZone: string): number {
  const parts: Record<string, number> = {};
  for (const part of formatterFor(timeZone).formatToParts(new Date(instant))) {
    if (part.type !== "literal") parts[part.type] = Number(part.value);
  }
  return Date.UTC(parts.year!, parts.month! - 1, parts.day!, parts.hour!, parts.minute!, parts.second!);
}

/** The zone's offset from UTC at `instant`, in milliseconds (Berlin in summer: +7,200,000). */
function offsetAt(instant: number, timeZone: string): number {
  const whole = Math.floor(instant / 1000) * 1000;
  return wallClockMs(whole, timeZone) - whole;
}

const day = 24 * 60 * 60 * 1000;

/**
 * The instant at which clocks in `timeZone` show `local` ("2027-03-28T09:30"), or undefined when `local` is not
 * a valid date-time. Where clocks skip the time (spring forward) it is read with the offset before the change,
 * i.e. moved forward by the skipped hour; where they show it twice (fall back), the earlier is taken — as
 * Temporal's "compatible" disambiguation and every calendar application do.
 */
export function localToInstant(local: string, timeZone: string): Date | undefined {
  const match = localDateTimePattern.exec(local);
  if (!match) return undefined;
  const [year, month, date, hour, minute] = match.slice(1).map(Number) as [
    number,
    number,
    number,
    number,
    number,
  ];
  const wall = Date.UTC(year, month - 1, date, hour, minute);
  const check = new Date(wall);
  if (check.getUTCMonth() !== month - 1 || check.getUTCDate() !== date || hour > 23 || minute > 59) {
    return undefined;
  }
  // A zone changes its offset at most once within a day either side, so these two offsets are the candidates.
  const before = offsetAt(wall - day, timeZone);
  const after = offsetAt(wall + day, timeZone);
  const fits = [before, after]
    .map((offset) => wall - offset)
    .filter((instant) => instant + offsetAt(instant, timeZone) === wall)
    .sort((a, b) => a - b);
  return new Date(fits[0] ?? wall - before);
}

/** The local date-time ("2027-03-28T09:30") clocks in `timeZone` show at `instant`. */
export function instantToLocal(instant: Date, timeZone: string): string {
  return new Date(wallClockMs(instant.getTime(), timeZone)).toISOString().slice(0, 16);
}
