// Turns every failure — ours, body-parser's, unknown routes — into the JSON error body with the right status.
import type { ErrorRequestHandler, RequestHandler } from "express";
import type { ErrorBody } from "../../../shared/errors.ts";
import { AppError } from "../../domain/app-error.ts";

function send(res: Parameters<RequestHandler>[1], status: number, body: ErrorBody) {
  res.status(status).json(body);
}

/** 404 for any path no route claimed. */
export const notFoundHandler: RequestHandler = (req, res) => {
  send(res, 404, { error: { code: "not_found", message: `No route for ${req.method} ${req.path}.` } });
};

/** Body-parser failures carry a `type`; map the ones a client can cause. */
function fromParserError(error: { type?: string; limit?: number }): AppError | undefined {
  switch (error.type) {
    case "entity.parse.failed":
      return new AppError("malformed_json", "The request body is not valid JSON.");
    case "entity.too.large":
      return new AppError(
        "payload_too_large",
        `The request body is larger than the ${error.limit} byte limit.`,
      );
    case "encoding.unsupported":
    case "charset.unsupported":
      return new AppError(
        "unsupported_media_type",
        "The request body's encoding is not supported; send UTF-8.",
      );
    case "request.aborted":
      return new AppError("bad_request", "The request was aborted before its body was received.");
    default:
      return undefined;
  }
}

export const errorHandler: ErrorRequestHandler = (error, req, res, _next) => {
  const appError = error instanceof AppError ? error : fromParserError(error as { type?: string });
  if (appError) {
    const body: ErrorBody = { error: { code: appError.code, message: appError.message } };
    if (appError.details !== undefined) body.error.details = appError.details;
    send(res, appError.status, body);
    return;
  }
  req.log?.error({ err: error }, "request failed");
  if (res.headersSent) return;
  send(res, 500, {
    error: {
      code: "internal",
      message: "Something went wrong on the server. It has been logged; try again.",
    },
  });
};
