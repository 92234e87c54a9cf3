// The app shell: the session gate (signed out → sign in → back where the reader was going), reading offline as the
// last signed-in user, signing out, and the address deciding the screen.
import { act, cleanup, fireEvent, render, screen } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { App } from "./App.tsx";
import { readerPath } from "./routes.ts";
import { serveApi } from "./testing/fake-api.ts";
import { FakeSyncServer } from "./testing/fake-sync-server.ts";

const groupId = "11111111-1111-4111-8111-111111111111";
const roomId = "33333333-3333-4333-8333-333333333333";
const documentId = "44444444-4444-4444-8444-444444444444";
const ada = { id: "22222222-2222-4222-8222-222222222222", email: "ada@example.org", displayName: "Ada" };
// Signed out is an answer, not an error: no 401 for the browser's console on every page load.
const signedOut = [200, { user: null }] as [number, unknown];
const room = {
  id: roomId,
  groupId,
  document: { id: documentId, title: "On Reading Slowly", author: "A. Reader" },
  version: 1,
  createdAt: "2026-11-01T00:00:00.000Z",
};
const group = { id: groupId, name: "Readers", description: "", role: "member", memberCount: 3 };
const libraryAndText = {
  "GET /api/groups": [200, { groups: [group] }],
  [`GET /api/groups/${groupId}/rooms`]: [200, { rooms: [room] }],
  [`GET /api/documents/${documentId}/versions/1`]: [
    200,
    {
      version: {
        documentId,
        number: 1,
        blocks: [{ kind: "paragraph", text: "Read slowly.", anchorId: "b1", ordinal: 0, footnotes: [] }],
      },
    },
  ],
} satisfies Record<string, [number, unknown]>;

const goTo = (path: string) => window.history.replaceState(null, "", path);

beforeEach(() => {
  new FakeSyncServer().install();
});
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
  localStorage.clear();
  goTo("/");
});

describe("the session gate", () => {
  it("asks someone signed out to sign in, then opens the room they were going to", async () => {
    goTo(readerPath(groupId, roomId));
    serveApi({
      "GET /api/session": signedOut,
      "POST /api/auth/login": [200, { user: ada }],
      ...libraryAndText,
    });
    render(<App />);
    expect(await screen.findByRole("heading", { name: "Sign in" })).toBeTruthy();
    fireEvent.change(screen.getByLabelText("Email"), { target: { value: ada.email } });
    fireEvent.change(screen.getByLabelText("Password"), { target: { value: "a long password" } });
    fireEvent.click(screen.getByRole("button", { name: "Sign in" }));
    expect(await screen.findByText("Read slowly.")).toBeTruthy();
    expect(window.location.pathname).toBe(readerPath(groupId, roomId));
    expect(JSON.parse(localStorage.getItem("scholia-user")!)).toEqual(ada);
  });

  it("keeps reading as the last signed-in user when the server cannot be reached", async () => {
    localStorage.setItem("scholia-user", JSON.stringify(ada));
    vi.stubGlobal("fetch", () => Promise.reject(new TypeError("Failed to fetch")));
    render(<App />);
    expect((await screen.findByText(/Signed in as/)).textContent).toBe("Signed in as Ada");
    expect((await screen.findByRole("alert")).textContent).toBe(
      "The server cannot be reached. Check your connection and try again.",
    );
  });

  it("asks to sign in when the server cannot be reached and nobody signed in here before", async () => {
    vi.stubGlobal("fetch", () => Promise.reject(new TypeError("Failed to fetch")));
    render(<App />);
    expect(await screen.findByRole("heading", { name: "Sign in" })).toBeTruthy();
  });

  it("does not trust a remembered user once the server says the session is over", async () => {
    localStorage.setItem("scholia-user", JSON.stringify(ada));
    serveApi({ "GET /api/session": signedOut });
    render(<App />);
    expect(await screen.findByRole("heading", { name: "Sign in" })).toBeTruthy();
  });

  it("signs out: forgets the user and shows the sign-in screen", async () => {
    const calls = serveApi({
      "GET /api/session": [200, { user: ada }],
      "POST /api/auth/logout": [204, null],
      ...libraryAndText,
    });
    render(<App />);
    fireEvent.click(await screen.findByRole("button", { name: "Sign out" }));
    expect(await screen.findByRole("heading", { name: "Sign in" })).toBeTruthy();
    expect(calls).toContain("POST /api/auth/logout");
    expect(localStorage.getItem("scholia-user")).toBeNull();
  });
});

describe("routing", () => {
  it("opens a room from the library, and goes back to the library from the reader", async () => {
    serveApi({ "GET /api/session": [200, { user: ada }], ...libraryAndText });
    render(<App />);
    fireEvent.click(await screen.findByRole("link", { name: /On Reading Slowly/ }));
    expect(await screen.findByText("Read slowly.")).toBeTruthy();
    expect(window.location.pathname).toBe(readerPath(groupId, roomId));
    fireEvent.click(screen.getByRole("link", { name: "← Library" }));
    expect(await screen.findByRole("heading", { name: "Library" })).toBeTruthy();
    expect(window.location.pathname).toBe("/");
  });

  it("follows the browser's back and forward buttons", async () => {
    serveApi({
      "GET /api/session": [200, { user: ada }],
      "GET /api/invites/tok": [
        410,
        { error: { code: "invite_unusable", message: "This invite link has expired. Ask for a new one." } },
      ],
      ...libraryAndText,
    });
    render(<App />);
    expect(await screen.findByRole("heading", { name: "Library" })).toBeTruthy();
    act(() => {
      goTo("/invite/tok");
      window.dispatchEvent(new PopStateEvent("popstate"));
    });
    expect((await screen.findByRole("alert")).textContent).toBe(
      "This invite link has expired. Ask for a new one.",
    );
  });
});
