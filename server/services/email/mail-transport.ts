// The SMTP connection notification e-mails go out through: nodemailer, configured by SMTP_URL.
import { createTransport, type SendMailOptions } from "nodemailer";

/** What the sender needs of a mail transport (nodemailer's, or a test's). */
export interface MailTransport {
  /** Resolves once the mail server accepted the message; rejects with its answer (e.g. "451 …") otherwise. */
  sendMail(message: SendMailOptions): Promise<unknown>;
  close(): void;
}

/**
 * A transport for `smtpUrl` (smtp://user:password@host:587, STARTTLS when the server offers it; smtps://… for TLS
 * from the start). Timeouts are far below nodemailer's defaults (2 and 10 minutes), so that a mail server that
 * hangs costs one attempt and a retry, not a stalled sender.
 */
export function createMailTransport(smtpUrl: string): MailTransport {
  return createTransport({
    url: smtpUrl,
    connectionTimeout: 20_000,
    greetingTimeout: 20_000,
    socketTimeout: 30_000,
  });
}
