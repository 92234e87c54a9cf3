// Starts the notification e-mail sender of a server configured with SMTP_URL, and says where mail goes.
import type { Logger } from "pino";
import { redactUrlPassword, type EmailConfig } from "../../config/env.ts";
import type { ServiceContext } from "../context.ts";
import { EmailSender, type EmailSenderOptions } from "./email-sender.ts";
import { createMailTransport } from "./mail-transport.ts";

/** A running sender for `config`, ticking until its stop(). */
export function startEmailSender(
  config: EmailConfig,
  ctx: ServiceContext,
  logger: Logger,
  lease?: EmailSenderOptions["lease"],
): EmailSender {
  const sender = new EmailSender({
    db: ctx.db,
    publicUrl: ctx.publicUrl,
    sessionSecret: ctx.sessionSecret,
    from: config.from,
    digestHourUtc: config.digestHourUtc,
    transport: createMailTransport(config.smtpUrl),
    logger,
    now: ctx.now,
    ...(lease ? { lease } : {}),
  });
  sender.start();
  logger.info(
    { smtp: redactUrlPassword(config.smtpUrl), from: config.from, digestHourUtc: config.digestHourUtc },
    `Notification e-mails go out through ${redactUrlPassword(config.smtpUrl)} from ${config.from}; daily digests from ${config.digestHourUtc}:00 UTC.`,
  );
  return sender;
}
