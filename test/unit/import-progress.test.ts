// The board of imports in progress: each uploader reads only their own, entries last as long as their request.
import { describe, expect, it } from "vitest";
import { ImportProgressBoard } from "../../server/services/documents/import-progress.ts";

const id = "6f1c2a52-6b8e-4c59-9d1e-0a2b3c4d5e6f";

describe("ImportProgressBoard", () => {
  it("answers the latest progress to its uploader only, and nothing once the request ends", () => {
    const board = new ImportProgressBoard();
    const followed = board.follow("ada", id);
    expect(board.read("ada", id)).toEqual({ stage: "queued" });
    followed.onProgress({ stage: "pages", page: 3, pages: 300 });
    expect(board.read("ada", id.toUpperCase())).toEqual({ stage: "pages", page: 3, pages: 300 });
    expect(() => board.read("bob", id)).toThrow(expect.objectContaining({ code: "not_found" }));
    followed.stop();
    expect(() => board.read("ada", id)).toThrow(expect.objectContaining({ code: "not_found" }));
    followed.onProgress({ stage: "anchors" }); // a late message from the worker adds nothing back
    expect(() => board.read("ada", id)).toThrow(expect.objectContaining({ code: "not_found" }));
  });

  it("gives an id reused by a second upload to the second, whatever the first does after", () => {
    const board = new ImportProgressBoard();
    const first = board.follow("ada", id);
    const second = board.follow("ada", id);
    first.onProgress({ stage: "anchors" });
    expect(board.read("ada", id)).toEqual({ stage: "queued" });
    second.onProgress({ stage: "glyphs" });
    first.stop();
    expect(board.read("ada", id)).toEqual({ stage: "glyphs" });
    second.stop();
    expect(() => board.read("ada", id)).toThrow(expect.objectContaining({ code: "not_found" }));
  });
});
