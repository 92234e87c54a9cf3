// Sorts notifications whose e-mail is due into what to do with each, by the recipient's e-mail setting and access
// now: send (one message per person), wait for the next digest, or send nothing.
import { belongsInDigestNow, nextDigestDayStart } from "./digest-schedule.ts";

/** What the plan needs of a notification waiting for its e-mail. */
export interface DueEmail {
  id: string;
  userId: string;
  /** The recipient's e-mail setting now ("never" | "immediate" | "daily"); null without a settings row. */
  mode: string | null;
  /** Read in the app already. */
  read: boolean;
  /**
   * The recipient may still read what it is about, as GET /api/notifications would list it now (the same SQL
   * rule, data/notification-access.ts): not after leaving the group or losing an instructor's role, nor once the
   * words or their thread were deleted or hidden (hidden words notify nobody, moderators included).
   */
  mayRead: boolean;
  createdAt: Date;
  /** When the recipient's last digest went out; null: never. */
  lastDigestAt: Date | null;
}

/** One message to send: a person's notifications, as a digest or as an immediate message. */
export interface PlannedEmail<Row extends DueEmail> {
  userId: string;
  digest: boolean;
  rows: Row[];
}

export interface EmailBatchPlan<Row extends DueEmail> {
  /**
   * No e-mail any more: the recipient turned e-mail off, read the notification in the app meanwhile, or may no
   * longer read what it is about (mayRead).
   */
  unsent: string[];
  /** Daily rows not yet in a digest: due again when the next digest day starts (`postponedUntil`). */
  postponed: string[];
  postponedUntil: Date;
  send: PlannedEmail<Row>[];
}

/** The plan for `rows` at `now`, with digests going out from `digestHourUtc` o'clock (UTC). */
export function planEmailBatch<Row extends DueEmail>(
  rows: readonly Row[],
  now: Date,
  digestHourUtc: number,
): EmailBatchPlan<Row> {
  const plan: EmailBatchPlan<Row> = {
    unsent: [],
    postponed: [],
    postponedUntil: nextDigestDayStart(now, digestHourUtc),
    send: [],
  };
  const messages = new Map<string, PlannedEmail<Row>>();
  for (const row of rows) {
    if ((row.mode !== "immediate" && row.mode !== "daily") || row.read || !row.mayRead) {
      plan.unsent.push(row.id);
      continue;
    }
    const digest = row.mode === "daily";
    if (digest && !belongsInDigestNow(row.createdAt, row.lastDigestAt, now, digestHourUtc)) {
      plan.postponed.push(row.id);
      continue;
    }
    let message = messages.get(row.userId);
    if (!message) messages.set(row.userId, (message = { userId: row.userId, digest, rows: [] }));
    message.rows.push(row);
  }
  plan.send = [...messages.values()];
  return plan;
}
