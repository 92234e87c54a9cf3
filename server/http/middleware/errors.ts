// Turns every failure — ours, body-parser's, unknown routes — into the JSON error body with the right status.
import { STATUS_CODES } from "node:http";
import type { ErrorRequestHandler, Request, RequestHandler } from "express";
import { errorStatus, type ErrorBody, type ErrorCode } from "../../../shared/errors.ts";
import { AppError } from "../../domain/app-error.ts";
import { isDatabaseOutage, sendDatabaseOutage } from "./database-outage.ts";

function send(res: Parameters<RequestHandler>[1], status: number, body: ErrorBody) {
  res.status(status).json(body);
}

/** 404 for any path no route claimed. */
export const notFoundHandler: RequestHandler = (req, res) => {
  send(res, 404, { error: { code: "not_found", message: `No route for ${req.method} ${req.path}.` } });
};

function isJson(text: unknown): boolean {
  try {
    JSON.parse(String(text));
    return true;
  } catch {
    return false;
  }
}

/** Body-parser failures carry a `type`; map the ones a client can cause. */
function fromParserError(error: { type?: string; limit?: number; body?: unknown }): AppError | undefined {
  switch (error.type) {
    case "entity.parse.failed":
      // The parser only takes objects and arrays: `null` or `"text"` is JSON, but not a request body.
      return isJson(error.body)
        ? new AppError("validation_failed", "The request body must be a JSON object.", [
            { field: "body", message: "must be a JSON object" },
          ])
        : new AppError("malformed_json", "The request body is not valid JSON.", [
            { field: "body", message: "is not valid JSON" },
          ]);
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
      return new AppError("bad_request", "The request was aborted before its body was received.", [
        { field: "body", message: "was cut short" },
      ]);
    default:
      return undefined;
  }
}

/**
 * Errors that carry a client-error status of their own (http-errors from serve-static, express's router): a
 * missing static asset is a 404, a malformed path a 400 — not a 500. Statuses without a code of ours keep their
 * number under "bad_request"; a message marked not for clients (it may hold a file path) becomes the status text.
 */
function fromHttpError(
  error: { status?: unknown; expose?: unknown; message?: unknown; type?: unknown },
  req: Request,
): { status: number; body: ErrorBody } | undefined {
  const status = error.status;
  if (typeof status !== "number" || status < 400 || status > 499) return undefined;
  const code = (Object.keys(errorStatus) as ErrorCode[]).find((key) => errorStatus[key] === status);
  const reason = error.expose === false ? STATUS_CODES[status] : String(error.message);
  const body: ErrorBody = {
    error: { code: code ?? "bad_request", message: `${reason} (${req.method} ${req.path}).` },
  };
  // Body-parser's errors have a type; the router's and serve-static's are about the path.
  if (status === 400)
    body.error.details = [{ field: error.type ? "body" : "path", message: "could not be read" }];
  return { status, body };
}

export const errorHandler: ErrorRequestHandler = (error, req, res, _next) => {
  const appError = error instanceof AppError ? error : fromParserError(error as { type?: string });
  if (appError) {
    const body: ErrorBody = { error: { code: appError.code, message: appError.message } };
    if (appError.details !== undefined) body.error.details = appError.details;
    send(res, appError.status, body);
    return;
  }
  const httpError = fromHttpError(error as { status?: unknown }, req);
  if (httpError && !res.headersSent) {
    send(res, httpError.status, httpError.body);
    return;
  }
  if (isDatabaseOutage(error)) {
    sendDatabaseOutage(req, res, error);
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
