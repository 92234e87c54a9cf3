// Sends the notification e-mails that are due, every few seconds, beside the server: claims due rows (safe with
// several server processes on one database), sends one message per recipient (immediate, or the daily digest),
// and retries failures with backoff. Notifications are written by mutations; this never holds one up.
import { teacherRoles } from "../../domain/hide-until-posted.ts";
import type { Logger } from "pino";
import { backoffMs } from "../../../shared/room-client/retry-policy.ts";
import { inSqlTransaction } from "../../data/db.ts";
import {
  lockDueNotificationEmails,
  markNotificationsEmailed,
  recordNotificationEmailFailure,
  setEmailDueAt,
  setLastDigestAt,
  type DueNotificationEmail,
} from "../../data/notification-emails.ts";
import { rolesAllowed } from "../../domain/policies.ts";
import { planEmailBatch, type PlannedEmail } from "../../domain/notification-email/plan-email-batch.ts";
import type { MailTransport } from "./mail-transport.ts";
import { notificationMessage, type MessageSettings } from "./notification-message.ts";

/** Retries after a failed send: 15–30 s after the first, doubling, at most an hour apart; never given up. */
const retryBackoff = { baseDelayMs: 30_000, maxDelayMs: 60 * 60_000 };
/**
 * A claimed row is not due for this long, which keeps other senders off it while this one sends; if this process
 * dies meanwhile, the row comes back when the claim runs out. Sending stops `claimMarginMs` before, so a slow mail
 * server cannot make two senders send the same notification.
 */
const claimMs = 10 * 60_000;
const claimMarginMs = 3 * 60_000;
/** Longest SMTP error kept on a row. */
const errorChars = 500;

export interface EmailSenderOptions extends MessageSettings {
  transport: MailTransport;
  logger: Logger;
  /** The hour (UTC) from which each day's digests go out. */
  digestHourUtc: number;
  now?: () => Date;
  /** In [0, 1); jitters the retry delays. */
  random?: () => number;
  /** Between two ticks (ms). */
  tickMs?: number;
  /** Most notifications one tick claims. */
  batchSize?: number;
  /**
   * Lets one server process at a time tick (fanout/job-lease.ts); unset: this process always ticks. Claiming rows
   * (FOR UPDATE SKIP LOCKED, then a claim time) already keeps two senders from sending one notification, but two
   * senders ticking together could each claim part of one person's due notifications and send that person two
   * digests on one day; one sender at a time cannot.
   */
  lease?: { run<T>(job: () => Promise<T>): Promise<T | undefined>; release(): Promise<void> };
}

/** What one tick did: messages accepted by the mail server, and messages that failed (to be retried). */
export interface TickReport {
  sent: number;
  failed: number;
}

/**
 * One server's notification e-mail sender: tick() claims what is due and sends it; start() and stop() run ticks in
 * the background for the server's lifetime. Several senders (one per server process) may share a database.
 */
export class EmailSender {
  private readonly now: () => Date;
  private readonly random: () => number;
  private timer: NodeJS.Timeout | undefined;
  private ticking: Promise<unknown> | undefined;
  private stopping = false;

  constructor(private readonly options: EmailSenderOptions) {
    this.now = options.now ?? (() => new Date());
    this.random = options.random ?? Math.random;
  }

  /** Ticks now and then every `tickMs` (15 s by default) until stop(); a failing tick is logged, not fatal. */
  start(): void {
    const loop = async () => {
      const tick = () => this.tick();
      this.ticking = (this.options.lease ? this.options.lease.run(tick) : tick()).catch((error: unknown) =>
        this.options.logger.error(
          { err: error },
          "Sending notification e-mails failed; trying again shortly.",
        ),
      );
      await this.ticking;
      if (!this.stopping) this.timer = setTimeout(loop, this.options.tickMs ?? 15_000);
    };
    void loop();
  }

  /** Stops ticking, lets the message being sent finish (unclaiming the rest of its batch), closes the transport. */
  async stop(): Promise<void> {
    this.stopping = true;
    clearTimeout(this.timer);
    await this.ticking;
    await this.options.lease?.release();
    this.options.transport.close();
  }

  /** Claims what is due now and sends it: one message per recipient. */
  async tick(): Promise<TickReport> {
    const claimedAt = this.now();
    const claimed = await inSqlTransaction(this.options.db, async (tx) => {
      const rows = await lockDueNotificationEmails(
        tx,
        claimedAt,
        this.options.batchSize ?? 200,
        rolesAllowed("room.readInstructorNotes"),
        teacherRoles(),
      );
      const plan = planEmailBatch(rows, claimedAt, this.options.digestHourUtc);
      await setEmailDueAt(tx, plan.unsent, null);
      await setEmailDueAt(tx, plan.postponed, plan.postponedUntil);
      const sending = plan.send.flatMap((message) => message.rows.map((row) => row.id));
      await setEmailDueAt(tx, sending, new Date(claimedAt.getTime() + claimMs));
      return plan.send;
    });
    const report: TickReport = { sent: 0, failed: 0 };
    const sendUntil = claimedAt.getTime() + claimMs - claimMarginMs;
    for (const [index, message] of claimed.entries()) {
      if (this.stopping || this.now().getTime() > sendUntil) {
        // Back to due at once, for this sender's next tick or another server's.
        const left = claimed.slice(index).flatMap((next) => next.rows.map((row) => row.id));
        await setEmailDueAt(this.options.db, left, this.now());
        break;
      }
      if (await this.send(message)) report.sent += 1;
      else report.failed += 1;
    }
    return report;
  }

  /** Sends one message and records the outcome; true when the mail server accepted it. */
  private async send(message: PlannedEmail<DueNotificationEmail>): Promise<boolean> {
    const ids = message.rows.map((row) => row.id);
    try {
      await this.options.transport.sendMail(
        await notificationMessage(this.options, message.rows, message.digest),
      );
    } catch (error) {
      const attempts = Math.max(...message.rows.map((row) => row.emailAttempts)) + 1;
      const retryAt = new Date(this.now().getTime() + backoffMs(retryBackoff, attempts, this.random()));
      const reason = (error instanceof Error ? error.message : String(error)).slice(0, errorChars);
      await recordNotificationEmailFailure(this.options.db, ids, reason, retryAt);
      this.options.logger.warn(
        { userId: message.userId, attempts, retryAt: retryAt.toISOString(), smtpError: reason },
        `A notification e-mail to user ${message.userId} failed (attempt ${attempts}); trying again at ${retryAt.toISOString()}. The mail server said: ${reason}`,
      );
      return false;
    }
    const sentAt = this.now();
    await markNotificationsEmailed(this.options.db, ids, sentAt);
    if (message.digest) await setLastDigestAt(this.options.db, message.userId, sentAt);
    return true;
  }
}
