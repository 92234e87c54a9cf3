// The history's own addresses: one version read-only under its banner, and two versions compared word by word.
import { cleanup, fireEvent, render, screen, within } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { Block } from "../../../../shared/schemas/documents.ts";
import { comparePath, parseRoute, readerPath, versionPath } from "../../routes.ts";
import { serveApi } from "../../testing/fake-api.ts";
import { VersionHistory } from "./VersionHistory.tsx";
import { VersionsDialog } from "./VersionsDialog.tsx";

const groupId = "11111111-1111-4111-8111-111111111111";
const roomId = "33333333-3333-4333-8333-333333333333";
const documentId = "44444444-4444-4444-8444-444444444444";
const room = {
  id: roomId,
  groupId,
  document: { id: documentId, title: "On Reading", author: null },
  version: 2,
  createdAt: "2026-11-01T00:00:00.000Z",
};
const block = (ordinal: number, kind: string, text: string, anchorId: string) =>
  ({ kind, text, anchorId, ordinal, footnotes: [] }) as Block;
const v1 = [block(0, "title", "On Reading", "t"), block(1, "paragraph", "Said politely.", "p1")];
const v2 = [block(0, "title", "On Reading", "t"), block(1, "paragraph", "Said gently.", "p1b")];

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

function serveHistory() {
  return serveApi({
    [`GET /api/groups/${groupId}/rooms`]: [200, { rooms: [room] }],
    [`GET /api/documents/${documentId}/versions/1`]: [
      200,
      { version: { documentId, number: 1, blocks: v1 } },
    ],
    [`GET /api/documents/${documentId}/versions/2`]: [
      200,
      { version: { documentId, number: 2, blocks: v2 } },
    ],
    [`GET /api/documents/${documentId}/compare?from=1&to=2`]: [
      200,
      {
        comparison: {
          from: 1,
          to: 2,
          counts: { unchanged: 1, changed: 1, removed: 0, added: 0 },
          threshold: 0.5,
          entries: [
            { status: "unchanged", anchorIds: ["t"] },
            {
              status: "changed",
              oldAnchorId: "p1",
              newAnchorId: "p1b",
              kind: "paragraph",
              similarity: 0.5,
              oldText: "Said politely.",
              newText: "Said gently.",
            },
          ],
        },
      },
    ],
    [`GET /api/documents/${documentId}`]: [
      200,
      {
        document: {
          ...room.document,
          groupId,
          latestVersion: 2,
          createdAt: room.createdAt,
          versions: [1, 2].map((number) => ({
            number,
            format: "text",
            sha256: `${number}`,
            blockCount: 2,
            createdAt: "2026-11-0" + number + "T10:00:00.000Z",
            createdBy: { id: groupId, name: "Olive Owner" },
            report: {},
          })),
        },
      },
    ],
  });
}

describe("the history of a room's text", () => {
  it("reads an older version read-only under a banner naming the room's version, with a way back", async () => {
    serveHistory();
    const navigate = vi.fn();
    const route = parseRoute(versionPath(groupId, roomId, 1));
    expect(route).toMatchObject({ name: "version", version: 1 });
    render(<VersionHistory groupId={groupId} roomId={roomId} view={{ version: 1 }} navigate={navigate} />);
    const banner = await screen.findByRole("status");
    expect(banner.textContent).toContain("Version 1 — the room reads version 2.");
    expect(screen.getByText("Said politely.")).toBeTruthy();
    fireEvent.click(screen.getByRole("link", { name: "Compare with version 2, the room's" }));
    expect(navigate).toHaveBeenLastCalledWith(comparePath(groupId, roomId, 1, 2));
    expect(screen.queryByRole("button", { name: /comment|annotate/i })).toBeNull();
    fireEvent.click(within(banner).getByRole("link", { name: "← Back to the room" }));
    expect(navigate).toHaveBeenCalledWith(readerPath(groupId, roomId));
  });

  it("says an address that names no version cannot be opened, with the way back to the room", async () => {
    serveHistory();
    const navigate = vi.fn();
    for (const path of ["versions/0", "versions/abc", "compare/1", "compare/-1/2"]) {
      const route = parseRoute(`/groups/${groupId}/rooms/${roomId}/${path}`);
      const view =
        route.name === "version" ? { version: route.version } : route.name === "compare" ? route : null;
      expect(view, path).not.toBeNull();
      const { unmount } = render(
        <VersionHistory groupId={groupId} roomId={roomId} view={view!} navigate={navigate} />,
      );
      expect((await screen.findByRole("alert")).textContent).toContain("does not name a version");
      expect(screen.getByRole("heading", { name: "Cannot open this version" })).toBeTruthy();
      unmount();
    }
  });

  it("compares two versions at their own address, the changed words highlighted", async () => {
    serveHistory();
    render(<VersionHistory groupId={groupId} roomId={roomId} view={{ from: 1, to: 2 }} navigate={vi.fn()} />);
    const main = await screen.findByRole("main", { name: "On Reading: version 1 compared with version 2" });
    expect(within(main).getByRole("status").textContent).toContain(
      "Version 1 compared with version 2 — the room reads version 2.",
    );
    expect(main.querySelector("del")!.textContent).toBe("removed: politely");
    expect(main.querySelector("ins")!.textContent).toBe("added: gently");
    expect(within(main).getByText("1 unchanged block")).toBeTruthy();
  });

  it("lists the versions from the reader and goes to a comparison's address", async () => {
    serveHistory();
    const navigate = vi.fn();
    render(
      <VersionsDialog
        groupId={groupId}
        roomId={roomId}
        documentId={documentId}
        roomVersion={2}
        navigate={navigate}
        onClose={vi.fn()}
      />,
    );
    const list = await screen.findByRole("list", { name: "Versions" });
    const [newest, oldest] = within(list).getAllByRole("listitem");
    expect(newest!.textContent).toContain("Version 2 the room reads this one");
    expect(oldest!.textContent).toMatch(/by Olive Owner · 2 blocks/);
    fireEvent.click(within(oldest!).getByRole("link", { name: "Read version 1" }));
    expect(navigate).toHaveBeenLastCalledWith(versionPath(groupId, roomId, 1));
    fireEvent.click(screen.getByRole("button", { name: "Compare" }));
    expect(navigate).toHaveBeenLastCalledWith(comparePath(groupId, roomId, 1, 2));
  });

  it("offers an upload of a new version only where the reader may make one", async () => {
    serveHistory();
    const onUpload = vi.fn();
    const props = { groupId, roomId, documentId, roomVersion: 2, navigate: vi.fn(), onClose: vi.fn() };
    const { unmount } = render(<VersionsDialog {...props} />);
    await screen.findByRole("list", { name: "Versions" });
    expect(screen.queryByRole("button", { name: "Upload a new version" })).toBeNull();
    unmount();
    render(<VersionsDialog {...props} onUpload={onUpload} />);
    fireEvent.click(screen.getByRole("button", { name: "Upload a new version" }));
    expect(onUpload).toHaveBeenCalledOnce();
  });
});
