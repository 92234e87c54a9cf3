// A new version from the reader: the preview shows the changes since the latest version, an identical text
// publishes nothing, and a published version can be the room's.
import { cleanup, fireEvent, render, screen, within } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { Block } from "../../../../shared/schemas/documents.ts";
import type { VersionComparisonDto } from "../../api/http.ts";
import { fakeXhr } from "../../testing/fake-xhr.ts";
import { serveApi, type FakeRequest } from "../../testing/fake-api.ts";
import { NewVersionDialog } from "./NewVersionDialog.tsx";
import { plainImportReport as report } from "../../testing/import-report.ts";

const documentId = "44444444-4444-4444-8444-444444444444";
const roomId = "33333333-3333-4333-8333-333333333333";
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

const renderDialog = (onMoved?: () => void) =>
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
    renderDialog(onMoved);
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
    renderDialog();
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
