// The unsubscribe link of notification e-mails: POST is RFC 8058's one-click unsubscribe (no session, the signed
// token is the authority); GET shows a page with a button that POSTs, as GET must change nothing.
import { Router, type Request, type Response } from "express";
import {
  notificationSettingsPath,
  unsubscribeQuerySchema,
  unsubscribeResponse,
} from "../../../shared/schemas/notifications.ts";
import { AppError } from "../../domain/app-error.ts";
import type { ServiceContext } from "../../services/context.ts";
import { checkUnsubscribeToken, unsubscribeFromEmails } from "../../services/email/unsubscribe.ts";
import { parseOrThrow } from "../middleware/validate.ts";
import type { ApiDocs } from "../openapi.ts";
import { route } from "../route.ts";
import { confirmUnsubscribePage, invalidUnsubscribePage, unsubscribedPage } from "../unsubscribe-page.ts";

const path = "/api/notifications/unsubscribe";
const tokenDoc = { token: "The signed token from the e-mail's List-Unsubscribe link" };

/** A browser (it prefers HTML to JSON) gets pages; mail providers and API clients get JSON. */
const wantsPage = (req: Request) => req.accepts(["json", "html"]) === "html";

/** Runs `handle`; a refused token is answered with a page to a browser and with the JSON error otherwise. */
async function answering(req: Request, res: Response, handle: (token: string) => Promise<void> | void) {
  try {
    await handle(parseOrThrow(unsubscribeQuerySchema, req.query, "query").token);
  } catch (error) {
    if (!(error instanceof AppError) || !wantsPage(req)) throw error;
    res.status(error.status).type("html").send(invalidUnsubscribePage(error.message));
  }
}

/** GET and POST /api/notifications/unsubscribe?token=; mounted before the Origin rule (see app.ts). */
export function unsubscribeRoutes(ctx: ServiceContext, docs: ApiDocs): Router {
  const router = Router();
  const settingsUrl = ctx.publicUrl + notificationSettingsPath;
  route(
    router,
    docs,
    {
      method: "get",
      path,
      summary:
        "The unsubscribe link opened in a browser: a page asking to confirm, whose button POSTs the same link. Changes nothing by itself (mail scanners fetch links). 400 when the token was not signed by this server",
      tag: "notifications",
      auth: false,
      query: tokenDoc,
      download: ["text/html"],
    },
    (req, res) =>
      answering(req, res, (token) => {
        checkUnsubscribeToken(ctx, token);
        res.setHeader("Cache-Control", "no-store");
        res.type("html").send(confirmUnsubscribePage(token, settingsUrl));
      }),
  );
  route(
    router,
    docs,
    {
      method: "post",
      path,
      summary:
        "One-click unsubscribe (RFC 8058; the body List-Unsubscribe=One-Click is not required): sets the token's user's e-mail notifications to never. No session needed. 400 when the token was not signed by this server or its account is gone. A browser's form post gets a page, other clients JSON",
      tag: "notifications",
      auth: false,
      query: tokenDoc,
      response: unsubscribeResponse,
    },
    (req, res) =>
      answering(req, res, async (token) => {
        await unsubscribeFromEmails(ctx, token);
        if (wantsPage(req)) res.type("html").send(unsubscribedPage(settingsUrl));
        else res.json({ email: "never" });
      }),
  );
  return router;
}
