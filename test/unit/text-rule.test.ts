// The string rule every request schema applies: refuse what Postgres or the room document cannot hold, store NFC.
import fc from "fast-check";
import type { z } from "zod";
import { describe, expect, it } from "vitest";
import { registerSchema, loginSchema } from "../../shared/schemas/auth.ts";
import { text } from "../../shared/schemas/text.ts";
import {
  createThreadSchema,
  hideSchema,
  tagSchema,
  threadFiltersSchema,
} from "../../shared/schemas/threads.ts";
import { textProblem, type ControlCharacters } from "../../shared/text/unicode.ts";
import { toFieldIssues } from "../../server/http/middleware/validate.ts";
import { nastyString } from "../helpers/nasty-strings.ts";

/** The field issues a 400 would carry for `value`. */
function issuesOf(schema: z.ZodType, value: unknown) {
  const result = schema.safeParse(value);
  return result.success ? [] : toFieldIssues(result.error, "body");
}

describe("text()", () => {
  it("refuses NUL and lone surrogates, naming the character and where it is", () => {
    const field = text({ controls: "any" });
    expect(field.safeParse("ab\u0000c").error?.issues[0]?.message).toBe(
      "contains U+0000 (NUL) at position 2, which cannot be stored",
    );
    for (const [value, unit, at] of [
      ["\ud800", "D800", 0],
      ["x\udfff", "DFFF", 1],
      ["a\udc00\ud800", "DC00", 1],
      ["😀".slice(0, 1), "D83D", 0],
    ] as const) {
      expect(field.safeParse(value).error?.issues[0]?.message).toBe(
        `contains a lone UTF-16 surrogate (U+${unit}) at position ${at}, which is not valid Unicode`,
      );
    }
    expect(field.safeParse("😀 👨‍👩‍👧 🇫🇷").success).toBe(true);
  });

  it("allows control characters by the kind of field", () => {
    const cases: [ControlCharacters, string, boolean][] = [
      ["none", "a\tb", false],
      ["none", "a\nb", false],
      ["none", "a\u0085b", false],
      ["whitespace", "a\tb\r\nc", true],
      ["whitespace", "a\u0007b", false],
      ["whitespace", "\u001b[31mred", false],
      ["any", "a\u0007b", true],
      ["any", "a\u0000b", false],
    ];
    for (const [controls, value, ok] of cases) {
      expect(text({ controls }).safeParse(value).success, `${controls} ${JSON.stringify(value)}`).toBe(ok);
    }
  });

  it("normalizes to NFC before counting length, except where told not to", () => {
    const nfd = "cafe\u0301";
    expect(text().parse(nfd)).toBe("café");
    expect(text().max(4).safeParse(nfd).success).toBe(true);
    expect(text({ normalize: false }).parse(nfd)).toBe(nfd);
  });

  it("keeps invisible but valid characters (zero-width joiners, RTL marks): they are text", () => {
    expect(text().parse("\u200f\u05e9\u05dc\u05d5\u05dd\u200e")).toBe("\u200f\u05e9\u05dc\u05d5\u05dd\u200e");
  });

  it("either refuses a string with a reason or returns well-formed NFC text (property)", () => {
    fc.assert(
      fc.property(
        nastyString({ long: true }),
        fc.constantFrom<ControlCharacters>("none", "whitespace", "any"),
        (value, controls) => {
          const result = text({ controls }).safeParse(value);
          if (!result.success) {
            expect(result.error.issues[0]?.message).toMatch(/^contains /);
            expect(textProblem(value, controls)).toBeDefined();
            return;
          }
          expect(textProblem(result.data, controls)).toBeUndefined();
          expect(result.data).toBe(result.data.normalize("NFC"));
        },
      ),
      { numRuns: 500 },
    );
  });
});

describe("request schemas", () => {
  it("name the field that holds a bad character", () => {
    const cases: [string, z.ZodType, object][] = [
      ["body", createThreadSchema, { anchor: { blockId: "b" }, body: "hi\u0000" }],
      ["anchor.prefix", createThreadSchema, { anchor: { blockId: "b", prefix: "\udc00 x" }, body: "hi" }],
      ["tags.0", createThreadSchema, { anchor: { blockId: "b" }, body: "hi", tags: ["a\ud800"] }],
      ["reason", hideSchema, { reason: "spam\u0000" }],
      [
        "displayName",
        registerSchema,
        { email: "a@b.org", password: "long enough pass", displayName: "A\nB" },
      ],
      ["q", threadFiltersSchema, { q: "\u0000" }],
      ["blockId", threadFiltersSchema, { blockId: "\ud800" }],
    ];
    for (const [field, schema, value] of cases) {
      expect(
        issuesOf(schema, value).map((issue) => issue.field),
        field,
      ).toEqual([field]);
    }
  });

  it("leave passwords as typed (the auth service normalizes them) but refuse NUL", () => {
    const nfd = "Man\u0303ana-Gro\u0308\u00dfe-1";
    expect(loginSchema.parse({ email: "a@b.org", password: nfd }).password).toBe(nfd);
    expect(loginSchema.safeParse({ email: "a@b.org", password: "pass\u0000word" }).success).toBe(false);
  });

  it("name each unknown field visibly, an empty key or one of white space and controls quoted as JSON", () => {
    const issues = issuesOf(hideSchema, { reason: "x", "": 1, extra: 2, "\r\n": 3, "a b": 4 });
    expect(issues).toEqual([
      { field: '""', message: "is not an accepted field" },
      { field: "extra", message: "is not an accepted field" },
      { field: '"\\r\\n"', message: "is not an accepted field" },
      { field: '"a b"', message: "is not an accepted field" },
    ]);
  });

  it("take tags in every script, combining marks among their letters, and still refuse punctuation and symbols", () => {
    // Hindi and Thai vowel signs, Hebrew points and the dot of a lower-cased Turkish İ are combining marks (\p{M}).
    for (const [tag, stored] of [
      ["हिंदी", "हिंदी"],
      ["ที่นี่", "ที่นี่"],
      ["עִבְרִית", "עִבְרִית"],
      ["İzmir", "i\u0307zmir"],
      ["cafe\u0301", "café"],
      ["two words", "two words"],
    ]) {
      expect(tagSchema.safeParse(tag), tag).toEqual({ success: true, data: stored });
    }
    for (const tag of ["\u0301a", "a;b", "a,b", "#a", "😀", "a\u200bb"])
      expect(tagSchema.safeParse(tag).success, tag).toBe(false);
  });
});
