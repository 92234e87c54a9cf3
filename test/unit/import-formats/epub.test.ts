// EPUBs to blocks: the spine in order, EPUB 3 and EPUB 2 notes on their markers (test/fixtures/formats/epub).
import { zipSync } from "fflate";
import { describe, expect, it } from "vitest";
import { convertEpub } from "../../../server/domain/import/formats/epub.ts";
import { zipFixture } from "./zip-fixture.ts";

describe("convertEpub", () => {
  it("reads the spine's documents in order with their notes, title and author", async () => {
    expect(await convertEpub(zipFixture("epub", "mimetype"))).toEqual({
      title: "The Patient Reader",
      author: "Ines Tarrow",
      blocks: [
        { kind: "title", text: "The Patient Reader", footnotes: [] },
        { kind: "heading", text: "Chapter One", footnotes: [] },
        {
          kind: "paragraph",
          text: "Every reader begins somewhere. Most begin in the middle.",
          footnotes: [
            {
              marker: "1",
              offset: 30,
              note: {
                text: "Or anywhere, as the saying goes.",
                marks: [{ type: "em", start: 3, end: 11 }],
              },
            },
          ],
          marks: [{ type: "em", start: 20, end: 29 }],
        },
        { kind: "quote", text: "Begin at the beginning, and go on till you come to the end.", footnotes: [] },
        {
          kind: "item",
          text: "Read the whole chapter.",
          footnotes: [],
          marks: [{ type: "strong", start: 9, end: 14 }],
        },
        { kind: "item", text: "Read it again.", footnotes: [] },
        { kind: "heading", text: "Chapter Two", footnotes: [] },
        {
          kind: "paragraph",
          text: "The second chapter has an endnote in the old style.",
          footnotes: [
            {
              marker: "1",
              offset: 51,
              note: {
                text: "Endnotes once lived at the back of the book.",
                marks: [{ type: "em", start: 39, end: 43 }],
              },
            },
          ],
        },
        { kind: "paragraph", text: "Fish & chips <script> stay words.", footnotes: [] },
      ],
    });
  });

  it("says what is missing when the archive is not an EPUB", async () => {
    const notEpub = zipSync({ "readme.txt": new TextEncoder().encode("hello") });
    await expect(convertEpub(notEpub)).rejects.toMatchObject({
      code: "unprocessable_content",
      message: expect.stringContaining("no META-INF/container.xml"),
    });
  });
});
