// parseOrThrow: a 400 whose message and details name every field at fault, whatever the field is called.
import fc from "fast-check";
import { z } from "zod";
import { describe, expect, it } from "vitest";
import { createThreadSchema } from "../../shared/schemas/threads.ts";
import { updateGroupSettingsSchema } from "../../shared/schemas/groups.ts";
import { AppError } from "../../server/domain/app-error.ts";
import { parseOrThrow, uuidParam } from "../../server/http/middleware/validate.ts";

/** The refusal parseOrThrow throws for `value`. */
function refusal(schema: z.ZodType, value: unknown, root: string) {
  try {
    parseOrThrow(schema, value, root);
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    expect(error.status).toBe(400);
    return { message: error.message, details: error.details as { field: string; message: string }[] };
  }
  throw new Error("expected a refusal");
}

describe("parseOrThrow", () => {
  it("names a field called body like any other (the issue's example)", () => {
    expect(refusal(createThreadSchema, {}, "body")).toEqual({
      message: "Invalid request: anchor is required; body is required.",
      details: [
        { field: "anchor", message: "is required" },
        { field: "body", message: "is required" },
      ],
    });
    expect(refusal(createThreadSchema, { anchor: { blockId: "b" }, body: 5 }, "body")).toEqual({
      message: "Invalid request: body must be a string.",
      details: [{ field: "body", message: "must be a string" }],
    });
  });

  it("still reads an issue with the whole body as a sentence of its own", () => {
    expect(refusal(updateGroupSettingsSchema, {}, "body").message).toBe(
      "Give at least one of: name, description, recordReadingTime, membersMayLead, timeZone.",
    );
  });

  it("names a single value by its parameter", () => {
    expect(refusal(uuidParam, "nope", "roomId")).toEqual({
      message: "Invalid request: roomId must be a UUID.",
      details: [{ field: "roomId", message: "must be a UUID" }],
    });
  });

  it("names the field at fault in message and details, whatever its name (property)", () => {
    const name = fc.oneof(
      fc.constantFrom("body", "query", "fields", "version", "id"),
      fc.stringMatching(/^[a-zA-Z][a-zA-Z0-9]{0,12}$/),
    );
    const root = fc.constantFrom("body", "query", "fields");
    const wrong = fc.oneof(
      fc.constant(undefined),
      fc.integer(),
      fc.boolean(),
      fc.constant(null),
      fc.constant([]),
    );
    fc.assert(
      fc.property(name, root, wrong, (field, where, value) => {
        const schema = z.strictObject({ [field]: z.string({ error: "must be a string" }) });
        const input = value === undefined ? {} : { [field]: value };
        const found = refusal(schema, input, where);
        expect(found.details).toEqual([
          { field, message: value === undefined ? "is required" : "must be a string" },
        ]);
        expect(found.message).toBe(
          `Invalid request: ${field} ${value === undefined ? "is required" : "must be a string"}.`,
        );
      }),
      { numRuns: 300 },
    );
  });
});
