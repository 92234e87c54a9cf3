// Word files to blocks: styles, marks, notes and metadata from a hand-built .docx (test/fixtures/formats/docx).
import { zipSync } from "fflate";
import { describe, expect, it } from "vitest";
import { convertDocx } from "../../../server/domain/import/formats/docx.ts";
import { zipFixture } from "./zip-fixture.ts";

describe("convertDocx", () => {
  it("reads the title, headings, quotes, list items, marks and notes, and keeps markup as text", async () => {
    expect(await convertDocx(zipFixture("docx"))).toEqual({
      title: "Notes on Slow Reading (core title)",
      author: "Mara Quell",
      blocks: [
        { kind: "title", text: "Notes on Slow Reading", footnotes: [] },
        { kind: "heading", text: "Why slowly", footnotes: [] },
        {
          kind: "paragraph",
          text: "A text read slowly keeps its questions open. Then the group talks.",
          footnotes: [
            {
              marker: "1",
              offset: 44,
              note: {
                text: "First said in a letter, never printed.",
                marks: [{ type: "em", start: 24, end: 29 }],
              },
            },
            { marker: "2", offset: 66, note: { text: "The group met on Thursdays." } },
          ],
          marks: [
            { type: "em", start: 12, end: 18 },
            { type: "strong", start: 29, end: 38 },
          ],
        },
        { kind: "quote", text: "Reading is a conversation with the absent.", footnotes: [] },
        { kind: "item", text: "Bring the text.", footnotes: [] },
        {
          kind: "item",
          text: "Mark one passage.",
          footnotes: [],
          marks: [{ type: "em", start: 9, end: 16 }],
        },
        { kind: "paragraph", text: "Script <b>tags</b> stay text.", footnotes: [] },
      ],
    });
  });

  it("does not expand entities a document declares (no billion laughs, no external files)", async () => {
    const laughs =
      '<?xml version="1.0"?><!DOCTYPE w:document [<!ENTITY a "ha"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">' +
      '<!ENTITY x SYSTEM "file:///etc/passwd">]>' +
      '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>' +
      "<w:p><w:r><w:t>Laugh &b; and &x;.</w:t></w:r></w:p></w:body></w:document>";
    const rels =
      '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
      '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>';
    const file = zipSync({
      "_rels/.rels": new TextEncoder().encode(rels),
      "word/document.xml": new TextEncoder().encode(laughs),
    });
    const result = await convertDocx(file).catch((error: unknown) => error);
    const text = result instanceof Error ? result.message : JSON.stringify(result);
    expect(text).not.toContain("hahaha");
    expect(text).not.toContain("root:");
  });

  it("refuses a file that is not a zip with a message saying what to do", async () => {
    await expect(convertDocx(new TextEncoder().encode("plain words, not a Word file"))).rejects.toMatchObject(
      {
        code: "unprocessable_content",
        message: expect.stringMatching(/could not be read as a zip archive.*save it again/isu),
      },
    );
  });
});
