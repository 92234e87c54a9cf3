// The one error type services raise for expected failures; the HTTP layer maps its code to a status.
import { errorStatus, type ErrorCode } from "../../shared/errors.ts";

/** An expected failure with a stable code, a message for people, and optional structured details. */
export class AppError extends Error {
  override name = "AppError";
  readonly status: number;

  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.status = errorStatus[code];
  }
}

export const notFound = (what: string) => new AppError("not_found", `${what} was not found.`);
export const forbidden = (message: string) => new AppError("forbidden", message);
