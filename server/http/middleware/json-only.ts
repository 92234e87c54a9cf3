// Requests that carry a body to JSON routes must say it is JSON; anything else is a 415, not a silent empty body.
import type { RequestHandler } from "express";
import { AppError } from "../../domain/app-error.ts";

export const requireJsonBody: RequestHandler = (req, _res, next) => {
  const hasBody = Number(req.get("content-length") ?? 0) > 0 || req.get("transfer-encoding") !== undefined;
  if (hasBody && !req.is("application/json")) {
    throw new AppError(
      "unsupported_media_type",
      `Send the body as application/json (got ${req.get("content-type") ?? "no content type"}).`,
    );
  }
  next();
};
