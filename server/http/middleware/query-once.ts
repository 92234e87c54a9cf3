// Every query parameter of the API holds one value: a repeated one (?groupId=A&groupId=B) is refused by name, where
// a schema would see a list and say the parameter is missing or of the wrong type, and a route might take either.
import type { RequestHandler } from "express";
import { AppError } from "../../domain/app-error.ts";

export const givenOnce = "must be given once";

/** 400 naming each query parameter given more than once. */
export const refuseRepeatedQueryParams: RequestHandler = (req, _res, next) => {
  const repeated = Object.entries(req.query as Record<string, unknown>)
    .filter(([, value]) => Array.isArray(value))
    .map(([name]) => ({ field: name, message: givenOnce }));
  if (repeated.length === 0) return next();
  throw new AppError(
    "validation_failed",
    `Invalid request: ${repeated.map((issue) => `${issue.field} ${issue.message}`).join("; ")}.`,
    repeated,
  );
};
