// The invitation page names the group and the role before joining, and joins only when asked; sign-up errors are
// said once.
import { cleanup, fireEvent, render, screen } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { AcceptInvite } from "./AcceptInvite.tsx";
import { SignIn } from "./SignIn.tsx";

const preview = {
  groupId: "5b0f3c2e-8f0a-4a57-9d2a-0c1f2b3a4d5e",
  groupName: "Tuesday Readers of Capital",
  groupDescription: "Slowly, a chapter a week.",
  role: "observer",
  expiresAt: "2030-01-15T12:00:00.000Z",
  valid: true,
  memberRole: null,
};

/** A fetch answering from `routes` ("METHOD path" → [status, body]) and recording every call. */
function serve(routes: Record<string, [number, unknown]>) {
  const calls: string[] = [];
  const fetchMock = vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
    const key = `${init?.method ?? "GET"} ${String(input)}`;
    calls.push(key);
    const [status, body] = routes[key] ?? [
      404,
      { error: { code: "not_found", message: `No route for ${key}` } },
    ];
    return new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json" } });
  });
  vi.stubGlobal("fetch", fetchMock);
  return calls;
}

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe("the invitation page", () => {
  it("names the group and the role, and joins only when asked", async () => {
    const calls = serve({
      "GET /api/invites/tok": [200, { invite: preview }],
      "POST /api/invites/tok/accept": [
        201,
        { membership: { groupId: preview.groupId, role: "observer", joined: true } },
      ],
    });
    render(<AcceptInvite token="tok" navigate={() => undefined} />);
    expect(await screen.findByRole("heading", { name: "Join Tuesday Readers of Capital?" })).toBeTruthy();
    expect(document.body.textContent).toContain("as an observer");
    expect(document.body.textContent).toContain("Slowly, a chapter a week.");
    expect(calls).toEqual(["GET /api/invites/tok"]);
    fireEvent.click(screen.getByRole("button", { name: "Join Tuesday Readers of Capital" }));
    expect((await screen.findByRole("status")).textContent).toBe(
      "You have joined Tuesday Readers of Capital as an observer.",
    );
    expect(calls.slice(0, 2)).toEqual(["GET /api/invites/tok", "POST /api/invites/tok/accept"]);
  });

  it("says why a link cannot be used, without trying to join", async () => {
    const calls = serve({
      "GET /api/invites/old": [
        410,
        { error: { code: "invite_unusable", message: "This invite link has expired. Ask for a new one." } },
      ],
    });
    render(<AcceptInvite token="old" navigate={() => undefined} />);
    expect((await screen.findByRole("alert")).textContent).toBe(
      "This invite link has expired. Ask for a new one.",
    );
    expect(calls).toEqual(["GET /api/invites/old"]);
  });

  it("says why joining failed, and leaves the choice open", async () => {
    serve({
      "GET /api/invites/tok": [200, { invite: preview }],
      "POST /api/invites/tok/accept": [
        410,
        { error: { code: "invite_unusable", message: "This invite link has been used up." } },
      ],
    });
    const navigate = vi.fn();
    render(<AcceptInvite token="tok" navigate={navigate} />);
    fireEvent.click(await screen.findByRole("button", { name: "Join Tuesday Readers of Capital" }));
    expect((await screen.findByRole("alert")).textContent).toBe("This invite link has been used up.");
    fireEvent.click(screen.getByRole("button", { name: "Not now" }));
    expect(navigate).toHaveBeenCalledWith("/");
  });

  it("tells someone already in the group so", async () => {
    serve({ "GET /api/invites/tok": [200, { invite: { ...preview, memberRole: "member" } }] });
    render(<AcceptInvite token="tok" navigate={() => undefined} />);
    expect((await screen.findByRole("status")).textContent).toBe(
      "You are already in Tuesday Readers of Capital as a member.",
    );
  });

  it("offers the group's one text straight away once joined, besides the library", async () => {
    const room = {
      id: "33333333-3333-4333-8333-333333333333",
      groupId: preview.groupId,
      document: { id: "44444444-4444-4444-8444-444444444444", title: "Capital, Volume One", author: null },
      version: 1,
      createdAt: "2026-11-01T00:00:00.000Z",
    };
    serve({
      "GET /api/invites/tok": [200, { invite: preview }],
      "POST /api/invites/tok/accept": [
        201,
        { membership: { groupId: preview.groupId, role: "observer", joined: true } },
      ],
      [`GET /api/groups/${preview.groupId}/rooms`]: [200, { rooms: [room] }],
    });
    const navigate = vi.fn();
    render(<AcceptInvite token="tok" navigate={navigate} />);
    fireEvent.click(await screen.findByRole("button", { name: "Join Tuesday Readers of Capital" }));
    const read = await screen.findByRole("link", { name: "Read Capital, Volume One" });
    fireEvent.click(read);
    expect(navigate).toHaveBeenCalledWith(`/groups/${preview.groupId}/rooms/${room.id}`);
    expect(screen.getByRole("button", { name: "Go to the library" })).toBeTruthy();
  });

  it("offers only the library when the group reads several texts, or none", async () => {
    serve({
      "GET /api/invites/tok": [200, { invite: { ...preview, memberRole: "member" } }],
      [`GET /api/groups/${preview.groupId}/rooms`]: [200, { rooms: [] }],
    });
    render(<AcceptInvite token="tok" navigate={() => undefined} />);
    expect(await screen.findByRole("button", { name: "Go to the library" })).toBeTruthy();
    expect(screen.queryByRole("link")).toBeNull();
  });

  it("names the group on the sign-in screen of someone who came through the link", async () => {
    serve({ "GET /api/invites/tok": [200, { invite: preview }] });
    render(<SignIn inviteToken="tok" onSignedIn={() => undefined} />);
    expect(await screen.findByText("Tuesday Readers of Capital")).toBeTruthy();
    expect(screen.getByRole("heading", { name: "Create an account" })).toBeTruthy();
  });
});

describe("signing up with an email already in use", () => {
  it("says so once, and marks the email field", async () => {
    const message = "An account with this email already exists. Sign in instead.";
    serve({
      "POST /api/auth/register": [
        409,
        {
          error: {
            code: "email_taken",
            message,
            details: [{ field: "email", message: "is already registered" }],
          },
        },
      ],
    });
    render(<SignIn onSignedIn={() => undefined} />);
    fireEvent.click(screen.getByRole("button", { name: "Create an account" }));
    fireEvent.change(screen.getByLabelText("Your name"), { target: { value: "Ada" } });
    fireEvent.change(screen.getByLabelText("Email"), { target: { value: "ada@example.org" } });
    fireEvent.change(screen.getByLabelText("Password"), { target: { value: "a long enough password" } });
    fireEvent.submit(screen.getByLabelText("Email").closest("form")!);
    expect((await screen.findByRole("alert")).textContent).toBe(message);
    expect(screen.getByLabelText("Email").getAttribute("aria-invalid")).toBe("true");
  });
});

describe("switching between signing in and signing up", () => {
  it("states the password rule under the field when signing up", () => {
    render(<SignIn onSignedIn={() => undefined} />);
    expect(screen.queryByText("At least 10 characters.")).toBeNull();
    fireEvent.click(screen.getByRole("button", { name: "Create an account" }));
    const rule = screen.getByText("At least 10 characters.");
    expect(screen.getByLabelText("Password").getAttribute("aria-describedby")).toBe(rule.id);
  });

  it("clears a password that failed to sign in", async () => {
    serve({
      "POST /api/auth/login": [
        401,
        { error: { code: "unauthenticated", message: "Wrong email or password." } },
      ],
    });
    render(<SignIn onSignedIn={() => undefined} />);
    fireEvent.change(screen.getByLabelText("Email"), { target: { value: "ada@example.org" } });
    fireEvent.change(screen.getByLabelText("Password"), { target: { value: "not my password" } });
    fireEvent.submit(screen.getByLabelText("Email").closest("form")!);
    expect((await screen.findByRole("alert")).textContent).toBe("Wrong email or password.");
    fireEvent.click(screen.getByRole("button", { name: "Create an account" }));
    expect((screen.getByLabelText("Password") as HTMLInputElement).value).toBe("");
    expect((screen.getByLabelText("Email") as HTMLInputElement).value).toBe("ada@example.org");
  });
});
