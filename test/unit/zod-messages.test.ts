// Every request schema speaks the API's words: no zod default ("Too small: expected number to be >=1", "Invalid
// input: expected boolean, received string") reaches a 400, whatever is sent.
import { readdirSync } from "node:fs";
import fc from "fast-check";
import { z } from "zod";
import { describe, expect, it } from "vitest";
import { toFieldIssues } from "../../server/http/middleware/validate.ts";
import { updateGroupSettingsSchema } from "../../shared/schemas/groups.ts";
import { markReadSchema, notificationListQuerySchema } from "../../shared/schemas/notifications.ts";

const directory = new URL("../../shared/schemas/", import.meta.url);
const modules = await Promise.all(
  readdirSync(directory)
    .filter((file) => file.endsWith(".ts"))
    .map(
      async (file) =>
        [file, (await import(new URL(file, directory).href)) as Record<string, unknown>] as const,
    ),
);
const schemas = modules.flatMap(([file, exports]) =>
  Object.entries(exports)
    .filter((entry): entry is [string, z.ZodType] => entry[1] instanceof z.ZodType)
    .map(([name, schema]) => [`${file} ${name}`, schema] as const),
);

/** zod's own wording: "Invalid input: expected …", "Too small: expected number to be >=1", "Invalid option: …". */
const zodDefault =
  /Invalid (input|option|string|UUID|email|key|element)|Too (small|big)|expected \w+|received \w+|[<>]=|Unrecognized key/;

/** Values that go wrong in every way: wrong types, out of range, empty, and objects of such values. */
const leaf = fc.oneof(
  fc.constantFrom<unknown>(
    null,
    true,
    false,
    0,
    -1,
    1.5,
    1e-320,
    1e308,
    "",
    " ",
    "x",
    "yes",
    "0x10",
    [],
    {},
    [""],
    ["x"],
  ),
  fc.string({ maxLength: 8 }),
  fc.integer(),
);
const value = fc.oneof(
  leaf,
  fc.dictionary(
    fc.constantFrom(
      "name",
      "body",
      "limit",
      "role",
      "email",
      "ids",
      "anchor",
      "tags",
      "version",
      "from",
      "to",
      "format",
      "x",
    ),
    leaf,
  ),
);

describe("issue messages", () => {
  it(`never fall back to zod's defaults, for any of ${schemas.length} shared schemas (property)`, () => {
    expect(schemas.length).toBeGreaterThan(50);
    fc.assert(
      fc.property(fc.constantFrom(...schemas), value, ([name, schema], input) => {
        const result = schema.safeParse(input, { reportInput: true });
        if (result.success) return;
        for (const issue of toFieldIssues(result.error, "body")) {
          expect(issue.message, `${name} ${JSON.stringify(input)}`).not.toMatch(zodDefault);
          expect(issue.message, `${name} ${JSON.stringify(input)}`).toMatch(/^[a-z"]/);
        }
      }),
      { numRuns: 5_000 },
    );
  });

  it("say the issue's examples in words", () => {
    const issues = (schema: z.ZodType, input: unknown) =>
      toFieldIssues(schema.safeParse(input, { reportInput: true }).error!, "body");
    expect(issues(updateGroupSettingsSchema, { recordReadingTime: "yes" })).toEqual([
      { field: "recordReadingTime", message: "must be true or false" },
    ]);
    expect(issues(markReadSchema, { ids: [] })).toEqual([{ field: "ids", message: "must not be empty" }]);
    expect(issues(notificationListQuerySchema, { unread: "maybe" })).toEqual([
      { field: "unread", message: "must be one of true, false" },
    ]);
  });
});
