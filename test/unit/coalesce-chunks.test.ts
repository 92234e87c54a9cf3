// Coalesced download chunks: the same bytes in the same order, in pieces of at least the size asked for.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { coalesceChunks } from "../../server/http/coalesce-chunks.ts";

async function* from<T>(items: T[]) {
  yield* items;
}

describe("coalesceChunks", () => {
  it("keeps every byte in order, every piece but the last at least `size` long, text as text", async () => {
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
          const bytes = (chunk: string | Buffer) => (typeof chunk === "string" ? Buffer.from(chunk) : chunk);
          const pieces: (string | Buffer)[] = [];
          for await (const piece of coalesceChunks(from(chunks), size)) pieces.push(piece);
          expect(Buffer.concat(pieces.map(bytes)).equals(Buffer.concat(chunks.map(bytes)))).toBe(true);
          pieces.slice(0, -1).forEach((piece) => expect(piece.length).toBeGreaterThanOrEqual(size));
          expect(pieces.every((piece) => piece.length > 0)).toBe(true);
          // Text stays text: only a piece that holds bytes is bytes.
          if (chunks.every((chunk) => typeof chunk === "string"))
            expect(pieces.every((piece) => typeof piece === "string")).toBe(true);
        },
      ),
    );
  });
});
