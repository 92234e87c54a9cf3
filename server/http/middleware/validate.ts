// Parses request bodies and path parameters with shared zod schemas; failures become 400s naming each field.
import type { RequestHandler } from "express";
import { z, type ZodType } from "zod";
import type { FieldIssue } from "../../../shared/errors.ts";
import { AppError } from "../../domain/app-error.ts";

/** Turns zod issues into `{ field, message }` pairs with dotted field paths. */
export function toFieldIssues(error: z.ZodError, root: string): FieldIssue[] {
  return error.issues.map((issue) => {
    const field = issue.path.length ? issue.path.map(String).join(".") : root;
    if (issue.code === "unrecognized_keys") {
      return { field: issue.keys.join(", "), message: "is not an accepted field" };
    }
    if (issue.code === "invalid_type" && issue.input === undefined) return { field, message: "is required" };
    return { field, message: issue.message };
  });
}

/** Parses `value` or throws a 400 listing every problem. */
export function parseOrThrow<T>(schema: ZodType<T>, value: unknown, root: string): T {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issues = toFieldIssues(result.error, root);
  const summary = issues.map((issue) => `${issue.field} ${issue.message}`).join("; ");
  throw new AppError("validation_failed", `Invalid request: ${summary}.`, issues);
}

/** Replaces `req.body` with its parsed, typed value. JSON bodies must be objects. */
export function validateBody(schema: ZodType): RequestHandler {
  return (req, _res, next) => {
    req.body = parseOrThrow(schema, req.body ?? {}, "body");
    next();
  };
}

export const uuidParam = z.uuid({ error: "must be a UUID" });
