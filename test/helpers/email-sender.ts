// An EmailSender for tests: the test app's database and settings, sending to a test SMTP server, silent unless
// given a logger; the rest (clock, batch size…) as each test needs.
import { pino } from "pino";
import { EmailSender, type EmailSenderOptions } from "../../server/services/email/email-sender.ts";
import { createMailTransport } from "../../server/services/email/mail-transport.ts";
import type { ServiceContext } from "../../server/services/context.ts";

/** Digests go out from 07:00 UTC in every test. */
export const testDigestHourUtc = 7;

/** A sender on `ctx`'s database delivering to the SMTP server at `smtpUrl` (startSmtpServer); not started. */
export function testEmailSender(
  ctx: Pick<ServiceContext, "db" | "publicUrl" | "sessionSecret">,
  smtpUrl: string,
  options: Partial<Omit<EmailSenderOptions, "db" | "publicUrl" | "sessionSecret" | "transport">> = {},
): EmailSender {
  return new EmailSender({
    db: ctx.db,
    publicUrl: ctx.publicUrl,
    sessionSecret: ctx.sessionSecret,
    from: "Scholia <scholia@scholia.test>",
    digestHourUtc: testDigestHourUtc,
    transport: createMailTransport(smtpUrl),
    logger: pino({ level: "silent" }),
    ...options,
  });
}
