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

describe("anchor rules (properties over arbitrary blocks)", () => {
  const plainBlock = fc.stringMatching(/^[a-z ]{1,60}$/);
  const fieldsOf = (run: () => unknown): string[] => {
    try {
      run();
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      expect(error.status).toBe(400);
      return (error.details as { field: string }[]).map((issue) => issue.field);
    }
    return [];
  };

  it("never accepts an end past the end of the block, however little past", () => {
    fc.assert(
      fc.property(plainBlock, fc.integer({ min: 1, max: 5 }), (block, past) => {
        const end = block.length + past;
        for (const start of [0, block.length, end - 1]) {
          expect(fieldsOf(() => validateAnchor({ blockId: "b", start, end }, block))).toEqual(["anchor.end"]);
        }
      }),
    );
  });

  it("accepts any passage of the block, up to its very end, and stores it with the block's context", () => {
    fc.assert(
      fc.property(plainBlock, fc.nat(), fc.nat(), (block, a, b) => {
        const [start, end] = [a % (block.length + 1), b % (block.length + 1)].sort((x, y) => x - y) as [
          number,
          number,
        ];
        const stored = validateAnchor({ blockId: "b", start, end, exact: block.slice(start, end) }, block);
        expect(stored).toEqual({
          blockId: "b",
          start,
          end,
          exact: block.slice(start, end),
          prefix: block.slice(Math.max(0, start - 32), start),
          suffix: block.slice(end, end + 32),
        });
      }),
    );
  });

  it("checks a quote without offsets against the block: refused unless it occurs there", () => {
    fc.assert(
      fc.property(plainBlock, fc.stringMatching(/^[a-z ]{1,8}$/), (block, quote) => {
        const fields = fieldsOf(() => validateAnchor({ blockId: "b", exact: quote }, block));
        expect(fields).toEqual(block.includes(quote) ? [] : ["anchor.exact"]);
      }),
    );
  });

  it("checks a prefix and suffix without a quote against the block too", () => {
    const block = "the reading group";
    expect(
      fieldsOf(() => validateAnchor({ blockId: "b", prefix: "the ", suffix: "reading" }, block)),
    ).toEqual([]);
    expect(fieldsOf(() => validateAnchor({ blockId: "b", prefix: "a ", suffix: "group" }, block))).toEqual([
      "anchor.prefix",
    ]);
    expect(fieldsOf(() => validateAnchor({ blockId: "b", suffix: "group!" }, block))).toEqual([
      "anchor.prefix",
    ]);
  });

  it("refuses an anchor on a block the room's version does not have, and quotes that do not match the offsets", () => {
    expect(fieldsOf(() => validateAnchor({ blockId: "gone", start: 0, end: 1 }, undefined))).toEqual([
      "anchor.blockId",
    ]);
    expect(
      fieldsOf(() => validateAnchor({ blockId: "b", start: 4, end: 11, exact: "reading" }, "the reading")),
    ).toEqual([]);
    expect(
      fieldsOf(() => validateAnchor({ blockId: "b", start: 4, end: 11, exact: "readinG" }, "the reading")),
    ).toEqual(["anchor.exact"]);
  });
});

describe("anchor refusals", () => {
  const refusal = (run: () => unknown) => {
    try {
      run();
    } catch (error) {
      if (error instanceof AppError) return { message: error.message, details: error.details };
      throw error;
    }
    throw new Error("expected a refusal");
  };
  const block = "the reading group went back to the café";

  it("say which field is wrong and why", () => {
    expect(refusal(() => validateAnchor({ blockId: "b", start: 0, end: 99 }, block))).toEqual({
      message: `Invalid anchor: end is past the end of the block (${block.length} characters).`,
      details: [
        { field: "anchor.end", message: `is past the end of the block (${block.length} characters)` },
      ],
    });
    const messages = [
      refusal(() => validateAnchor({ blockId: "b" }, undefined)),
      refusal(() => validateAnchor({ blockId: "b", exact: "nowhere" }, block)),
      refusal(() => validateAnchor({ blockId: "b", prefix: "nowhere" }, block)),
      refusal(() => validateAnchor({ blockId: "b", start: 4, end: 11, exact: "other" }, block)),
      refusal(() => validateAnchor({ blockId: "b", start: 4, end: 11, prefix: "a " }, block)),
      refusal(() => validateAnchor({ blockId: "b", start: 4, end: 11, suffix: " room" }, block)),
    ].map((found) => found.message);
    expect(messages).toEqual([
      "Invalid anchor: blockId does not name a block of this room's version.",
      "Invalid anchor: exact does not occur in the block (with the prefix and suffix given).",
      "Invalid anchor: prefix and suffix do not occur in the block.",
      "Invalid anchor: exact does not match the text at start–end.",
      "Invalid anchor: prefix does not match the text before start.",
      "Invalid anchor: suffix does not match the text after end.",
    ]);
  });

  it("accept the true prefix and suffix of a passage in the middle of a long block", () => {
    const long = `${"a".repeat(150)} the reading group ${"b".repeat(150)}`;
    const start = long.indexOf("reading");
    const stored = validateAnchor(
      { blockId: "b", start, end: start + 7, prefix: "aaa the ", suffix: " group bbb" },
      long,
    );
    expect(stored.exact).toBe("reading");
  });

  it("accept the true prefix of a passage near the start of a long block", () => {
    // Fewer characters precede the passage than the context compared, and the block is longer than that context.
    const long = `the reading group ${"b".repeat(300)}`;
    const start = long.indexOf("group");
    const stored = validateAnchor({ blockId: "b", start, end: start + 5, prefix: "the reading " }, long);
    expect(stored.exact).toBe("group");
    expect(stored.prefix).toBe("the reading ");
  });
});
