// The anchor validator: offsets on character boundaries, quotes compared in NFC, stored selectors always well-formed.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { anchorSchema } from "../../shared/schemas/threads.ts";
import { textProblem } from "../../shared/text/unicode.ts";
import { AppError } from "../../server/domain/app-error.ts";
import { validateAnchor } from "../../server/domain/anchors.ts";
import { toFieldIssues } from "../../server/http/middleware/validate.ts";
import { nastyString } from "../helpers/nasty-strings.ts";

const paragraph = "We laughed 😀 and then the reading group went back to the café to talk it over.";

/** What the create-thread route does with an anchor: parse it with the schema, then check it against the block. */
function accept(anchor: unknown, block: string | undefined = paragraph) {
  const parsed = anchorSchema.safeParse(anchor);
  if (!parsed.success) {
    return {
      fields: toFieldIssues(parsed.error, "").map((issue) => `anchor.${issue.field}`.replace(/\.$/, "")),
    };
  }
  try {
    return { anchor: validateAnchor(parsed.data, block) };
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    expect(error.status).toBe(400);
    return { fields: (error.details as { field: string }[]).map((issue) => issue.field) };
  }
}

describe("validateAnchor", () => {
  it("stores a prefix cut after the emoji when the 32-unit window starts inside it (the issue's example)", () => {
    const start = paragraph.indexOf("t back ");
    const { anchor } = accept({ blockId: "b", start, end: start + 7 });
    expect(anchor).toMatchObject({ exact: "t back ", prefix: " and then the reading group wen" });
    expect(textProblem(anchor!.prefix!, "any")).toBeUndefined();
  });

  it("refuses offsets inside a character, naming the field", () => {
    const emoji = paragraph.indexOf("😀");
    expect(accept({ blockId: "b", start: emoji + 1, end: emoji + 5 }).fields).toEqual(["anchor.start"]);
    expect(accept({ blockId: "b", start: 0, end: emoji + 1 }).fields).toEqual(["anchor.end"]);
    expect(accept({ blockId: "b", start: 0, end: 4 }, "cafe\u0301 au lait").fields).toEqual(["anchor.end"]);
  });

  it("compares quotes, prefixes and suffixes in NFC", () => {
    const start = paragraph.indexOf("café");
    const nfd = "cafe\u0301";
    expect(accept({ blockId: "b", start, end: start + 4, exact: nfd }).anchor?.exact).toBe("café");
    expect(
      accept({ blockId: "b", start: start + 5, end: start + 7, prefix: `the ${nfd} ` }).anchor,
    ).toBeDefined();
    expect(accept({ blockId: "b", exact: `${nfd} to` }).anchor?.exact).toBe("café to");
    // A block stored in NFD (none is: the importer normalizes) still matches an NFC quote; it is stored as found.
    expect(accept({ blockId: "b", start: 4, end: 9, exact: "café" }, "the cafe\u0301 is").anchor?.exact).toBe(
      "cafe\u0301",
    );
  });

  it("refuses a prefix or suffix that is not next to the passage", () => {
    const start = paragraph.indexOf("reading");
    expect(accept({ blockId: "b", start, end: start + 7, prefix: "elsewhere " }).fields).toEqual([
      "anchor.prefix",
    ]);
    expect(accept({ blockId: "b", start, end: start + 7, suffix: "x" }).fields).toEqual(["anchor.suffix"]);
    expect(accept({ blockId: "b", exact: "reading", prefix: "the ", suffix: " group" }).anchor).toBeDefined();
    expect(accept({ blockId: "b", exact: "reading", suffix: " room" }).fields).toEqual(["anchor.exact"]);
  });

  it("answers a 400 naming an anchor field, or stores well-formed selectors (property)", () => {
    const block = fc.oneof(
      fc.constant(paragraph),
      fc
        .array(fc.constantFrom("a ", "😀", "e\u0301", "é", "🇫🇷", "\u200d", "测试", "\u0007"), {
          maxLength: 40,
        })
        .map((parts) => parts.join("")),
    );
    const quote = fc.oneof(nastyString(), fc.constantFrom("café", "cafe\u0301", "😀", "t back "));
    const anchor = fc.record(
      {
        blockId: fc.oneof(fc.constant("b"), nastyString()),
        start: fc.integer({ min: -2, max: 90 }),
        end: fc.integer({ min: -2, max: 90 }),
        exact: quote,
        prefix: quote,
        suffix: quote,
      },
      { requiredKeys: ["blockId"] },
    );
    fc.assert(
      fc.property(anchor, block, (input, text) => {
        const result = accept(input, text);
        if (result.fields) {
          expect(result.fields.length).toBeGreaterThan(0);
          for (const field of result.fields) expect(field).toMatch(/^anchor(\.\w+)?$/);
          return;
        }
        const stored = result.anchor!;
        for (const value of [stored.blockId, stored.exact, stored.prefix, stored.suffix]) {
          if (value !== undefined) expect(textProblem(value, "any")).toBeUndefined();
        }
        if (stored.start !== undefined) expect(text.slice(stored.start, stored.end)).toBe(stored.exact);
      }),
      { numRuns: 1_000 },
    );
  });
});
