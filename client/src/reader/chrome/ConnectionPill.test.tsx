// The connection pill and the notice of a closed connection: each state in words, announced politely, and the way
// back in when signed out.
import { cleanup, render, screen } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import type { ConnectionState } from "../../../../shared/room-client/room-client.ts";
import { ConnectionNotice } from "./ConnectionNotice.tsx";
import { connectionLabel, ConnectionPill } from "./ConnectionPill.tsx";

afterEach(cleanup);

const state = (overrides: Partial<ConnectionState>): ConnectionState => ({
  status: "live",
  pending: 0,
  network: true,
  signedOut: false,
  ...overrides,
});

describe("ConnectionPill", () => {
  it("says live, syncing, offline or reconnecting with what waits, and signed out or disconnected", () => {
    expect(connectionLabel(state({}))).toBe("Live");
    expect(connectionLabel(state({ status: "syncing" }))).toBe("Syncing…");
    expect(connectionLabel(state({ status: "syncing", pending: 1 }))).toBe("Sending 1 change…");
    expect(connectionLabel(state({ status: "offline", network: false }))).toBe("Offline");
    expect(connectionLabel(state({ status: "offline", network: false, pending: 3 }))).toBe(
      "Offline · 3 waiting",
    );
    expect(connectionLabel(state({ status: "offline", pending: 2 }))).toBe("Reconnecting… · 2 waiting");
    expect(connectionLabel(state({ status: "closed", signedOut: true }))).toBe("Signed out");
    expect(connectionLabel(state({ status: "closed", reason: "Removed." }))).toBe("Disconnected");
  });

  it("is a polite live region that also says what waits and why it closed", () => {
    render(<ConnectionPill {...state({ status: "offline", network: false, pending: 2 })} />);
    const pill = screen.getByRole("status");
    expect(pill.getAttribute("aria-live")).toBe("polite");
    expect(pill.textContent).toBe(
      "Connection: Offline · 2 waiting. 2 changes will be sent when the connection is back.",
    );
    cleanup();
    render(<ConnectionPill {...state({ status: "closed", reason: "You left the group." })} />);
    expect(screen.getByRole("status").textContent).toBe("Connection: Disconnected. You left the group.");
  });
});

describe("ConnectionNotice", () => {
  it("offers signing in again when signed out, saying the waiting changes go then", () => {
    render(<ConnectionNotice {...state({ status: "closed", signedOut: true, pending: 2 })} />);
    expect(screen.getByText(/You were signed out/).textContent).toContain(
      "2 changes will be sent once you are signed in.",
    );
    expect(screen.getByRole("link", { name: "Sign in" }).getAttribute("href")).toBe(window.location.pathname);
  });

  it("gives the server's reason otherwise, and a reload", () => {
    render(<ConnectionNotice {...state({ status: "closed", reason: "You are no longer a member." })} />);
    expect(screen.getByText(/Disconnected: You are no longer a member\./)).toBeTruthy();
    expect(screen.getByRole("button", { name: "Reload" })).toBeTruthy();
  });
});
