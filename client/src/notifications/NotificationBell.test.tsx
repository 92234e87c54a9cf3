// The bell: the unread count from the list, live items and marks of read from the socket, opening an item (marked
// read, its thread opened), mark all read, older pages, a refetch after a reconnect, and the settings.
import { cleanup, fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { NotificationDto } from "../../../shared/schemas/notifications.ts";
import { serveApi, type FakeRequest } from "../testing/fake-api.ts";
import { PeopleSocketContext } from "../realtime/people-socket.ts";
import { createFakePeopleSocket, type FakePeopleSocket } from "../testing/fake-people-socket.ts";
import { NotificationBell } from "./NotificationBell.tsx";

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

let serial = 0;
function notification(overrides: Partial<NotificationDto> = {}): NotificationDto {
  serial += 1;
  return {
    id: `00000000-0000-4000-8000-${String(serial).padStart(12, "0")}`,
    kind: "reply",
    groupId: "g1",
    roomId: "r1",
    roomTitle: "Communization in the present tense",
    threadId: "t1",
    commentId: "c1",
    actor: { id: "u2", name: "Bo" },
    excerpt: "I read it the other way round.",
    createdAt: new Date(Date.now() - serial * 60_000).toISOString(),
    readAt: null,
    link: "/groups/g1/rooms/r1/threads/t1",
    ...overrides,
  };
}

const lines = (panel: HTMLElement) =>
  [...panel.querySelectorAll(".notification a")].map((link) => link.textContent);
/** The bell as the library shows it, on the tab's people socket `fake` (none: not live). */
const renderBell = (navigate = vi.fn(), fake?: FakePeopleSocket, roomId?: string) =>
  render(
    <PeopleSocketContext.Provider value={fake?.socket ?? null}>
      <NotificationBell navigate={navigate} roomId={roomId} />
    </PeopleSocketContext.Provider>,
  );
const bell = () => screen.getByRole("button", { name: /^Notifications/ });

describe("NotificationBell", () => {
  it("counts unread, adds live items, clears what another tab read, and opens an item's thread", async () => {
    const older = notification({ kind: "mention", readAt: "2026-11-30T09:00:00.000Z", excerpt: "@Ada look" });
    const unread = notification({ actor: null, kind: "resolved", excerpt: "" });
    const reads: unknown[] = [];
    const calls = serveApi({
      "GET /api/notifications": [200, { notifications: [older, unread], unread: 1 }],
      "POST /api/notifications/read": (request: FakeRequest) => {
        reads.push(request.body);
        return [200, { unread: 1 }];
      },
    });
    const socket = createFakePeopleSocket();
    const navigate = vi.fn();
    renderBell(navigate, socket);
    await screen.findByRole("button", { name: "Notifications, 1 unread" });
    expect(bell().textContent).toContain("1");

    const live = notification({ createdAt: new Date().toISOString() });
    socket.deliver("notification", live);
    await screen.findByRole("button", { name: "Notifications, 2 unread" });
    socket.deliver("notification", live); // delivered twice (two sockets): counted once
    expect(bell().getAttribute("aria-label")).toBe("Notifications, 2 unread");

    fireEvent.click(bell());
    const panel = screen.getByRole("dialog", { name: "Notifications" });
    const items = within(panel).getAllByRole("listitem");
    expect(lines(panel)).toEqual([
      expect.stringMatching(/^Unread: Bo replied to you · Communization in the present tense·now/),
      expect.stringMatching(/^Bo mentioned you · /),
      expect.stringMatching(/^Unread: Someone resolved your thread · /),
    ]);
    expect(items[0]!.textContent).toContain("I read it the other way round.");

    socket.deliver("notifications.read", { ids: [unread.id], unread: 1 });
    await waitFor(() => expect(within(panel).getAllByText(/^Unread:/)).toHaveLength(1));
    expect(bell().getAttribute("aria-label")).toBe("Notifications, 1 unread");

    fireEvent.click(within(panel).getAllByRole("link")[0]!);
    expect(navigate).toHaveBeenCalledWith(live.link);
    expect(screen.queryByRole("dialog")).toBeNull();
    await waitFor(() => expect(reads).toEqual([{ ids: [live.id] }]));
    expect(calls).toContain("POST /api/notifications/read");
  });

  it("marks all read, loads older pages, refetches after a reconnect and lets go of the socket on unmount", async () => {
    const page = Array.from({ length: 20 }, () => notification());
    const oldest = notification({ kind: "announcement", actor: { id: "u3", name: "Inès" } });
    let listed = 0;
    const calls = serveApi({
      "GET /api/notifications": (request) => {
        if (request.path.includes("before=")) return [200, { notifications: [oldest], unread: 21 }];
        listed += 1;
        return [200, { notifications: page, unread: 21 }];
      },
      "POST /api/notifications/read": [200, { unread: 0 }],
    });
    const socket = createFakePeopleSocket();
    const off = vi.spyOn(socket.socket, "off");
    const view = renderBell(vi.fn(), socket);
    await screen.findByRole("button", { name: "Notifications, 21 unread" });
    fireEvent.click(bell());
    const panel = screen.getByRole("dialog", { name: "Notifications" });
    fireEvent.click(within(panel).getByRole("button", { name: "Show older" }));
    await waitFor(() => expect(lines(panel).at(-1)).toMatch(/^Unread: Inès posted an announcement · /));
    expect(calls.find((call) => call.includes("before="))).toContain(
      `before=${encodeURIComponent(page.at(-1)!.createdAt)}&beforeId=${page.at(-1)!.id}`,
    );
    expect(within(panel).queryByRole("button", { name: "Show older" })).toBeNull();

    fireEvent.click(within(panel).getByRole("button", { name: "Mark all read" }));
    await screen.findByRole("button", { name: "Notifications" });
    expect(within(panel).queryAllByText(/^Unread:/)).toHaveLength(0);

    socket.setConnected(false);
    socket.setConnected(true);
    await waitFor(() => expect(listed).toBe(2));
    view.unmount();
    expect(off.mock.calls.map(([event]) => event).sort()).toEqual([
      "connect",
      "notification",
      "notifications.read",
    ]);
  });

  it("saves the e-mail setting and mutes the room, and closes on Escape with focus back on the bell", async () => {
    const sent: string[] = [];
    serveApi({
      "GET /api/notifications": [200, { notifications: [], unread: 0 }],
      "GET /api/notifications/settings": [200, { email: "never", mutedRoomIds: [] }],
      "PATCH /api/notifications/settings": (request) => {
        sent.push(`email ${(request.body as { email: string }).email}`);
        return [200, { email: "daily", mutedRoomIds: [] }];
      },
      "PUT /api/rooms/r1/mute": () => {
        sent.push("mute");
        return [204, null];
      },
    });
    renderBell(vi.fn(), undefined, "r1");
    fireEvent.click(bell());
    const panel = screen.getByRole("dialog", { name: "Notifications" });
    await within(panel).findByText(/Nothing yet/);
    fireEvent.click(within(panel).getByRole("radio", { name: "Daily digest" }));
    fireEvent.click(within(panel).getByRole("checkbox", { name: /Mute this room/ }));
    await waitFor(() => expect(sent).toEqual(["email daily", "mute"]));
    expect(within(panel).getByRole<HTMLInputElement>("radio", { name: "Daily digest" }).checked).toBe(true);
    expect(within(panel).getByRole<HTMLInputElement>("checkbox", { name: /Mute this room/ }).checked).toBe(
      true,
    );
    fireEvent.keyDown(panel, { key: "Escape" });
    expect(screen.queryByRole("dialog")).toBeNull();
    expect(document.activeElement).toBe(bell());
  });
});
