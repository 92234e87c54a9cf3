// Whether an imported annotation plainly names another document: a different title, or this server's address of a
// document with a different title; never a warning for the same text under another address or upload.
import { describe, expect, it } from "vitest";
import { otherDocument } from "../../../server/domain/annotations/other-document.ts";

const room = {
  documentId: "11111111-1111-4111-8111-111111111111",
  title: "On Reading Together",
  publicUrl: "https://scholia.test",
};
const otherId = "22222222-2222-4222-8222-222222222222";
const address = (id: string, base = room.publicUrl) => `${base}/api/documents/${id}/versions/1`;

describe("otherDocument", () => {
  it("says nothing for the room's document, the same title written otherwise, or an address it cannot look up", () => {
    const titles = new Map([[otherId, "on reading together!"]]);
    expect(otherDocument({ uri: address(room.documentId) }, room, titles)).toBeUndefined();
    expect(otherDocument({ uri: address(otherId) }, room, titles)).toBeUndefined(); // the same text uploaded again
    expect(
      otherDocument({ uri: address(otherId, "https://elsewhere.test") }, room, new Map()),
    ).toBeUndefined();
    expect(otherDocument({ title: "ON READING TOGETHER — a reader" }, room, titles)).toBeUndefined();
    expect(otherDocument({ uri: "https://example.com/page" }, room, titles)).toBeUndefined();
    expect(otherDocument(undefined, room, titles)).toBeUndefined();
  });

  it("names a title that has nothing in common with the room's, and this server's address of another text", () => {
    expect(otherDocument({ title: "A Different Book" }, room, new Map())).toBe(
      "it says it annotates “A Different Book”, not “On Reading Together”",
    );
    expect(otherDocument({ uri: address(otherId) }, room, new Map([[otherId, "Secret Title"]]))).toBe(
      `its target is another document of this server (${address(otherId)})`,
    );
  });
});
