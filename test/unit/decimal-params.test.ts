// Whole numbers in query strings and paths: decimal digits only, however else Number() would read a string.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { auditQuerySchema } from "../../shared/schemas/groups.ts";
import { compareQuerySchema, versionNumberSchema } from "../../shared/schemas/document-api.ts";
import { notificationListQuerySchema } from "../../shared/schemas/notifications.ts";
import { toFieldIssues } from "../../server/http/middleware/validate.ts";

const spellings = fc.oneof(
  fc.string({ maxLength: 6 }),
  fc.stringMatching(/^[\d .+\-eExXa-f_]{0,6}$/),
  fc.constantFrom(
    "0x10",
    "0b1",
    "0o7",
    " ",
    "%20",
    " 1",
    "1 ",
    "01",
    "00",
    "1e0",
    "1.0",
    "+1",
    "-0",
    "１",
    "٣",
    "Infinity",
  ),
  fc.nat().map(String),
);
const canonical = (value: string) => /^(?:0|[1-9]\d*)$/.test(value);

describe("integers in URLs", () => {
  it("a version number is read from plain digits only (property)", () => {
    fc.assert(
      fc.property(spellings, (value) => {
        const result = versionNumberSchema.safeParse(value);
        const expected = canonical(value) && Number(value) >= 1 && Number(value) <= 2_147_483_647;
        expect(result.success, JSON.stringify(value)).toBe(expected);
        if (result.success) expect(result.data).toBe(Number(value));
      }),
      { numRuns: 2_000 },
    );
  });

  it("every query schema with a number reads it the same way, naming the parameter (property)", () => {
    const cases = [
      [auditQuerySchema, "limit", 1, 200],
      [notificationListQuerySchema, "limit", 1, 100],
      [compareQuerySchema, "from", 1, 2_147_483_647],
    ] as const;
    fc.assert(
      fc.property(fc.constantFrom(...cases), spellings, ([schema, name, min, max], value) => {
        const query = name === "from" ? { from: value, to: "1" } : { [name]: value };
        const result = schema.safeParse(query);
        const expected = canonical(value) && Number(value) >= min && Number(value) <= max;
        expect(result.success, `${name}=${JSON.stringify(value)}`).toBe(expected);
        if (result.success) expect((result.data as Record<string, unknown>)[name]).toBe(Number(value));
        else expect(toFieldIssues(result.error, "query").map((issue) => issue.field)).toEqual([name]);
      }),
      { numRuns: 2_000 },
    );
  });

  it("says what was wrong in words (the issue's examples)", () => {
    const messages = (value: string) =>
      toFieldIssues(auditQuerySchema.safeParse({ limit: value }).error!, "query").map(
        (issue) => issue.message,
      );
    expect(messages("0x10")).toEqual(["must be a whole number"]);
    expect(messages(" ")).toEqual(["must be a whole number"]);
    expect(messages("0")).toEqual(["must be at least 1"]);
    expect(messages("201")).toEqual(["must be at most 200"]);
    const notification = notificationListQuerySchema.safeParse({ limit: "0" }).error!;
    expect(toFieldIssues(notification, "query")).toEqual([{ field: "limit", message: "must be at least 1" }]);
  });
});
