// Coalesced download chunks: the same bytes in the same order, in pieces of at least the size asked for.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { coalesceChunks } from "../../server/http/coalesce-chunks.ts";

async function* from<T>(items: T[]) {
  yield* items;
}

describe("coalesceChunks", () => {
  it("keeps every byte in order, every piece but the last at least `size` bytes", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc.oneof(
            fc.string({ unit: "grapheme" }),
            fc.uint8Array().map((bytes) => Buffer.from(bytes)),
          ),
        ),
        fc.integer({ min: 1, max: 64 }),
        async (chunks, size) => {
          const pieces: Buffer[] = [];
          for await (const piece of coalesceChunks(from(chunks), size)) pieces.push(piece);
          const expected = Buffer.concat(chunks.map((c) => (typeof c === "string" ? Buffer.from(c) : c)));
          expect(Buffer.concat(pieces).equals(expected)).toBe(true);
          pieces.slice(0, -1).forEach((piece) => expect(piece.byteLength).toBeGreaterThanOrEqual(size));
          expect(pieces.every((piece) => piece.byteLength > 0)).toBe(true);
        },
      ),
    );
  });
});
