// zod's wording for issues a schema gives no message of its own: said as the rest of the API says it, after the
// field's name ("limit must be at least 1", "recordReadingTime must be true or false"), never zod's defaults
// ("Too small: expected number to be >=1", "Invalid input: expected boolean, received string").
import { z } from "zod";

const kinds: Record<string, string> = {
  string: "a string",
  number: "a number",
  int: "a whole number",
  bigint: "a whole number",
  boolean: "true or false",
  object: "an object",
  record: "an object",
  array: "a list",
  tuple: "a list",
  set: "a list",
  null: "null",
  date: "a date",
  file: "a file",
};

const formats: Record<string, string> = {
  uuid: "must be a UUID",
  guid: "must be a UUID",
  email: "must be an e-mail address",
  url: "must be a URL",
  datetime: "must be an ISO 8601 date-time",
  date: "must be a date (YYYY-MM-DD)",
  time: "must be a time (HH:MM:SS)",
  regex: "is not in the expected form",
};

/** "at least 3 characters", "at most 2 items", "at least 1": a bound and the unit its origin counts in. */
function bound(
  origin: string,
  limit: number | bigint,
  inclusive: boolean | undefined,
  side: "least" | "most",
) {
  const unit = origin === "string" ? " characters" : origin === "array" || origin === "set" ? " items" : "";
  if (inclusive === false) return `must be ${side === "least" ? "greater" : "less"} than ${limit}${unit}`;
  return `must be at ${side} ${limit}${unit}`;
}

/** A message for `issue` in the API's words; undefined leaves zod's. */
export function humanMessage(issue: z.core.$ZodRawIssue): string | undefined {
  switch (issue.code) {
    case "invalid_type":
      return `must be ${kinds[issue.expected] ?? issue.expected}`;
    case "too_small":
      if ((issue.origin === "string" || issue.origin === "array") && Number(issue.minimum) === 1)
        return "must not be empty";
      return bound(String(issue.origin), issue.minimum, issue.inclusive, "least");
    case "too_big":
      return bound(String(issue.origin), issue.maximum, issue.inclusive, "most");
    case "invalid_format":
      return formats[issue.format] ?? `must be a valid ${issue.format}`;
    case "invalid_value":
      return issue.values.length === 1
        ? `must be ${JSON.stringify(issue.values[0])}`
        : `must be one of ${issue.values.map((value) => String(value)).join(", ")}`;
    case "not_multiple_of":
      return `must be a multiple of ${issue.divisor}`;
    case "unrecognized_keys":
      // (A 400 names each key as a field of its own: server/http/middleware/validate.ts.)
      return `has fields it does not accept: ${issue.keys.map((key) => JSON.stringify(key)).join(", ")}`;
    case "invalid_union":
      return "is not in any accepted form";
    case "invalid_key":
      return "has a key that is not accepted";
    case "invalid_element":
      return "has an entry that is not accepted";
    default:
      return "is not valid";
  }
}

z.config({ customError: humanMessage });
