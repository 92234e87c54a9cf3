// The reader's two sides stay apart: the text (reader/text) and the discussion (reader/margin, reader/threads) never
// import each other; they meet in the reader state, the highlight bus and the element ids of dom-ids.ts.
import { describe, expect, it } from "vitest";

const sources = (files: Record<string, string>) =>
  Object.entries(files).flatMap(([file, source]) =>
    [...source.matchAll(/^import[^;]*?from\s+"([^"]+)"/gms)].map((match) => ({ file, from: match[1]! })),
  );

const text = import.meta.glob<string>("./text/**/*.{ts,tsx}", {
  query: "?raw",
  import: "default",
  eager: true,
});
const discussion = import.meta.glob<string>(["./margin/**/*.{ts,tsx}", "./threads/**/*.{ts,tsx}"], {
  query: "?raw",
  import: "default",
  eager: true,
});

describe("reader boundaries", () => {
  it("finds the files it checks", () => {
    expect(Object.keys(text).length).toBeGreaterThan(3);
    expect(Object.keys(discussion).length).toBeGreaterThan(5);
  });

  it("the text side imports nothing from the margin or the threads", () => {
    const crossing = sources(text).filter(({ from }) => /\/(margin|threads)\//.test(from));
    expect(crossing).toEqual([]);
  });

  it("the margin and the threads import nothing from the text side", () => {
    const crossing = sources(discussion).filter(({ from }) => /(^|\/)text\//.test(from));
    expect(crossing).toEqual([]);
  });
});
