// One-click unsubscribe from notification e-mails (RFC 8058): the signed token from the e-mail's link, no session.
import { AppError } from "../../domain/app-error.ts";
import { turnOffNotificationEmails } from "../../data/notification-emails.ts";
import type { ServiceContext } from "../context.ts";
import { verifyUnsubscribeToken } from "./unsubscribe-token.ts";

const invalidToken = () =>
  new AppError(
    "validation_failed",
    "This unsubscribe link is not valid: it was changed or cut short. Open the whole link from the e-mail, or turn e-mails off in Scholia's notification settings.",
    [{ field: "token", message: "is not a valid unsubscribe token" }],
  );

/** The user `token` unsubscribes; throws a 400 AppError when the server did not sign it. Changes nothing. */
export function checkUnsubscribeToken(ctx: Pick<ServiceContext, "sessionSecret">, token: string): string {
  const userId = verifyUnsubscribeToken(ctx.sessionSecret, token);
  if (!userId) throw invalidToken();
  return userId;
}

/** Turns off the notification e-mails of the user `token` was made for; a 400 AppError for a bad token. */
export async function unsubscribeFromEmails(ctx: ServiceContext, token: string): Promise<void> {
  const userId = checkUnsubscribeToken(ctx, token);
  // A valid token of an account deleted since: nothing to turn off, and nothing to tell apart from a bad link.
  if (!(await turnOffNotificationEmails(ctx.db, userId, ctx.now()))) throw invalidToken();
}
