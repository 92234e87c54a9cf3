// A new version from the reader: the preview shows the changes since the latest version, an identical text
// publishes nothing, and a published version can be the room's.
import { cleanup, fireEvent, render, screen, within } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { Block } from "../../../../shared/schemas/documents.ts";
import type { VersionComparisonDto } from "../../api/http.ts";
import { fakeXhr } from "../../testing/fake-xhr.ts";
import { serveApi, type FakeRequest } from "../../testing/fake-api.ts";
import { NewVersionDialog } from "./NewVersionDialog.tsx";

const documentId = "44444444-4444-4444-8444-444444444444";
const roomId = "33333333-3333-4333-8333-333333333333";
const report = {
  format: "text",
  lines: 5,
  blocks: { title: 1, paragraph: 2 },
  ligatures: [],
  dehyphenated: { lineBreak: 0, pageBreak: 0, keptCompound: 0 },
  pageBreaks: 0,
  pageArtefactsRemoved: 0,
  paragraphsJoinedAcrossPages: 0,
  footnoteMarkersSeparated: 0,
  unresolved: [],
};
const blocks = [
  { kind: "title", text: "On Reading", anchorId: "t", ordinal: 0, footnotes: [] },
  { kind: "paragraph", text: "One paragraph, said gently.", anchorId: "p1b", ordinal: 1, footnotes: [] },
] as Block[];
const mapping: VersionComparisonDto = {
  from: 1,
  to: null,
  counts: { unchanged: 1, changed: 1, removed: 1, added: 0 },
  threshold: 0.5,
  entries: [
    { status: "unchanged", anchorIds: ["t"] },
    {
      status: "changed",
      oldAnchorId: "p1",
      newAnchorId: "p1b",
      kind: "paragraph",
      similarity: 0.6,
      oldText: "One paragraph, said politely.",
      newText: "One paragraph, said gently.",
    },
    { status: "removed", oldAnchorId: "p2", kind: "paragraph", text: "A paragraph that went away." },
  ],
};
const previewAnswer = (extra: object = {}): [number, unknown] => [
  200,
  { preview: true, document: { title: "On Reading", author: null }, blocks, report, mapping, ...extra },
];

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

async function pasteAndPreview(text: string) {
  const dialog = screen.getByRole("dialog", { name: "Upload a new version" });
  fireEvent.change(within(dialog).getByLabelText("Paste the text"), { target: { value: text } });
  fireEvent.click(within(dialog).getByRole("button", { name: "Preview" }));
  await within(dialog).findByRole("list", { name: "Blocks" });
  return dialog;
}

describe("uploading a new version from the reader", () => {
  it("shows the report and the changes, publishes, then moves the room and says what became of its threads", async () => {
    const moves: FakeRequest[] = [];
    serveApi({
      [`POST /api/documents/${documentId}/versions`]: (request) =>
        (request.body as FormData).get("preview") === "true"
          ? previewAnswer()
          : [
              201,
              {
                created: true,
                message: "Imported version 2 with 2 blocks.",
                document: { id: documentId, title: "On Reading", author: null },
                version: { number: 2, blockCount: 2 },
                report,
              },
            ],
      [`POST /api/rooms/${roomId}/version`]: (request) => {
        moves.push(request);
        return [200, { room: { id: roomId, version: 2 }, threads: { unchanged: 4, moved: 1, detached: 1 } }];
      },
    });
    const sent = fakeXhr();
    const onMoved = vi.fn();
    render(
      <NewVersionDialog
        roomId={roomId}
        documentId={documentId}
        title="On Reading"
        roomVersion={1}
        onMoved={onMoved}
        onClose={() => undefined}
      />,
    );
    const dialog = await pasteAndPreview("On Reading\n\nOne paragraph, said gently.");
    expect(sent[0]!.path).toBe(`/api/documents/${documentId}/versions`);
    expect(within(dialog).getByText(/Read as text, 5 lines/)).toBeTruthy();
    const changes = within(dialog).getByRole("region", { name: "Changes since version 1" });
    expect(changes.textContent).toContain("1 unchanged, 1 changed, 1 removed, 0 added");
    expect(changes.textContent).toContain("Changed paragraph (60% similar)");
    expect(changes.querySelector("del")!.textContent).toBe("removed: politely");
    expect(changes.querySelector("ins")!.textContent).toBe("added: gently");
    expect(within(changes).getByText("A paragraph that went away.")).toBeTruthy();

    fireEvent.click(within(dialog).getByRole("button", { name: "Publish" }));
    expect(await within(dialog).findByText("Version 2 is published.")).toBeTruthy();
    fireEvent.click(within(dialog).getByRole("button", { name: "Move this room to version 2" }));
    expect(
      await within(dialog).findByText(
        "The room now reads version 2: 4 threads unchanged, 1 moved, 1 no longer in the text.",
      ),
    ).toBeTruthy();
    expect(moves.map((move) => move.body)).toEqual([{ version: 2 }]);
    expect(onMoved).toHaveBeenCalledWith(
      expect.objectContaining({ threads: { unchanged: 4, moved: 1, detached: 1 } }),
    );
  });

  it("says an identical text is an existing version and offers nothing to publish", async () => {
    const calls = serveApi({
      [`POST /api/documents/${documentId}/versions`]: () => previewAnswer({ identicalTo: 1 }),
    });
    fakeXhr();
    render(
      <NewVersionDialog
        roomId={roomId}
        documentId={documentId}
        title="On Reading"
        roomVersion={1}
        onClose={() => undefined}
      />,
    );
    const dialog = await pasteAndPreview("On Reading");
    expect(within(dialog).getByRole("status").textContent).toBe(
      "This text is identical to version 1 — nothing to publish.",
    );
    expect(within(dialog).queryByRole("button", { name: "Publish" })).toBeNull();
    expect(within(dialog).queryByRole("region", { name: /Changes since/ })).toBeNull();
    // Only the preview was sent: nothing was published.
    expect(calls.filter((call) => call.startsWith("POST"))).toEqual([
      `POST /api/documents/${documentId}/versions`,
    ]);
  });
});
