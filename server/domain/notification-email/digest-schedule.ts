// When daily digests go out: from a fixed hour of the day (UTC) on, at most once per day per person.

const dayMs = 24 * 60 * 60 * 1000;

/** The latest moment at `hourUtc` o'clock (UTC) that is not after `now`: the start of the current digest day. */
export function digestDayStart(now: Date, hourUtc: number): Date {
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate(), hourUtc);
  return new Date(today <= now.getTime() ? today : today - dayMs);
}

/** The next moment at `hourUtc` o'clock (UTC) after `now`: when the next digest day starts. */
export function nextDigestDayStart(now: Date, hourUtc: number): Date {
  return new Date(digestDayStart(now, hourUtc).getTime() + dayMs);
}

/**
 * Whether a notification created at `createdAt` goes into a digest sent at `now`: it arrived before the current
 * digest day started, and the person has had no digest since then (`lastDigestAt`; null: never had one).
 */
export function belongsInDigestNow(
  createdAt: Date,
  lastDigestAt: Date | null,
  now: Date,
  hourUtc: number,
): boolean {
  const dayStart = digestDayStart(now, hourUtc).getTime();
  return createdAt.getTime() < dayStart && (lastDigestAt === null || lastDigestAt.getTime() < dayStart);
}
