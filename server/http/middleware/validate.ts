// Parses request bodies and path parameters with shared zod schemas; failures become 400s naming each field.
import type { RequestHandler } from "express";
import { z, type ZodType } from "zod";
import type { FieldIssue } from "../../../shared/errors.ts";
// zod's messages in the API's words, wherever a schema gives none.
import "../../../shared/schemas/messages.ts";
import { AppError } from "../../domain/app-error.ts";
import type { ApiDocs } from "../openapi.ts";

/** A field issue, and whether it is about the whole input (an empty zod path) rather than one of its fields. */
interface LocatedIssue extends FieldIssue {
  whole: boolean;
}

function locatedIssues(error: z.ZodError, root: string): LocatedIssue[] {
  return error.issues.flatMap((issue) => {
    const whole = issue.path.length === 0;
    const field = whole ? root : issue.path.map(String).join(".");
    if (issue.code === "unrecognized_keys") {
      // One issue per key, each naming it visibly: a key that is empty or holds white space or control characters
      // ("", "\r\n") is quoted and escaped as JSON, so that no detail names a field no one can see.
      return issue.keys.map((key) => ({
        field: [...issue.path.map(String), /^[^\s\p{C}]+$/u.test(key) ? key : JSON.stringify(key)].join("."),
        message: "is not an accepted field",
        whole: false,
      }));
    }
    if (issue.code === "invalid_type" && issue.input === undefined)
      return [{ field, message: "is required", whole }];
    return [{ field, message: issue.message, whole }];
  });
}

/** Turns zod issues into `{ field, message }` pairs with dotted field paths; an issue with the whole input names `root`. */
export function toFieldIssues(error: z.ZodError, root: string): FieldIssue[] {
  return locatedIssues(error, root).map(({ field, message }) => ({ field, message }));
}

/**
 * Parses `value` or throws a 400 listing every problem. `root` names the input in details: "body", "query" or
 * "fields" for an object of fields, the parameter's name for a single value (a path parameter, a header).
 */
export function parseOrThrow<T>(schema: ZodType<T>, value: unknown, root: string): T {
  // reportInput: without it zod leaves `input` off every issue, and a wrong type ("yes" for a boolean) would be
  // reported as a missing field.
  const result = schema.safeParse(value, { reportInput: true });
  if (result.success) return result.data;
  // An issue with a whole object of fields (an empty PATCH body: "give at least one of: …") names no field: it reads
  // as a sentence of its own. Which issues those are is told by their empty path, never by the field name, which
  // may be the root's own ("body" is a field of a thread's body). A single value (a path parameter) is a field.
  const container = typeof value === "object" && value !== null;
  const issues = locatedIssues(result.error, root).map((issue) => ({
    ...issue,
    whole: issue.whole && container,
  }));
  const summary = issues
    .map((issue) => (issue.whole ? issue.message : `${issue.field} ${issue.message}`))
    .join("; ");
  const message = issues.every((issue) => issue.whole)
    ? `${summary.charAt(0).toUpperCase()}${summary.slice(1)}.`
    : `Invalid request: ${summary}.`;
  throw new AppError(
    "validation_failed",
    message,
    issues.map(({ field, message: text }) => ({ field, message: text })),
  );
}

/** Replaces `req.body` with its parsed, typed value. JSON bodies must be objects. */
export function validateBody(schema: ZodType): RequestHandler {
  return (req, _res, next) => {
    // A JSON list is JSON, but not a request body: said as the parser says it of `null` (errors.ts).
    if (Array.isArray(req.body)) {
      throw new AppError("validation_failed", "The request body must be a JSON object.", [
        { field: "body", message: "must be a JSON object" },
      ]);
    }
    req.body = parseOrThrow(schema, req.body ?? {}, "body");
    next();
  };
}

export const uuidParam = z.uuid({ error: "must be a UUID" });

const undecodable = "is not valid percent-encoded UTF-8";

function decodes(segment: string): boolean {
  try {
    decodeURIComponent(segment);
    return true;
  } catch {
    return false;
  }
}

/**
 * Refuses a path whose percent-escapes do not decode (`/api/groups/%ff/members`) with a 400 naming the route
 * parameter, found from the route registry; express would otherwise throw while decoding the parameter, before
 * any route runs. Paths no route claims pass on (to a 404).
 */
export function refuseUndecodablePathParams(docs: ApiDocs): RequestHandler {
  return (req, _res, next) => {
    const segments = `${req.baseUrl}${req.path}`.split("/");
    const index = segments.findIndex((segment) => !decodes(segment));
    const field = index === -1 ? undefined : docs.parameterAt(segments, index);
    if (!field) return next();
    throw new AppError("validation_failed", `Invalid request: ${field} ${undecodable}.`, [
      { field, message: undecodable },
    ]);
  };
}
