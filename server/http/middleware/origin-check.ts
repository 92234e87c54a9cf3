// Refuses state-changing requests sent by a page on another origin (CSRF), as browsers say via Origin.
import type { RequestHandler } from "express";
import { AppError } from "../../domain/app-error.ts";

const safeMethods = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * Browsers send Origin on every cross-site POST/PATCH/DELETE; non-browser clients usually send none and are
 * authenticated by other means, so a missing Origin is allowed unless Sec-Fetch-Site says the call is cross-site.
 */
export function originCheck(publicUrl: string): RequestHandler {
  const allowed = new URL(publicUrl).origin;
  return (req, _res, next) => {
    if (safeMethods.has(req.method)) return next();
    const origin = req.get("origin");
    if (origin) {
      const sameHost = `${req.protocol}://${req.get("host")}`;
      if (origin !== allowed && origin !== sameHost) {
        throw new AppError("foreign_origin", `Requests from ${origin} are not accepted; use ${allowed}.`);
      }
    } else if (req.get("sec-fetch-site") === "cross-site") {
      throw new AppError("foreign_origin", "Cross-site requests are not accepted.");
    }
    next();
  };
}
