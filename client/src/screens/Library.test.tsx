// The library: groups and their texts, opening a text, creating a group, members, invite links, and uploading a
// text with the importer's report; each failure said in the server's words.
import { cleanup, fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { readerPath } from "../routes.ts";
import { serveApi } from "../testing/fake-api.ts";
import { ImportReportView, Library } from "./Library.tsx";

const ada = { id: "22222222-2222-4222-8222-222222222222", email: "ada@example.org", displayName: "Ada" };
const groupOf = (id: string, name: string, role: string) => ({
  id,
  name,
  description: "",
  role,
  memberCount: 2,
  createdAt: "2026-11-01T00:00:00.000Z",
});
const owned = groupOf("11111111-1111-4111-8111-111111111111", "Tuesday Readers", "owner");
const joined = groupOf("66666666-6666-4666-8666-666666666666", "Thursday Club", "member");
const room = {
  id: "33333333-3333-4333-8333-333333333333",
  groupId: owned.id,
  document: { id: "44444444-4444-4444-8444-444444444444", title: "On Reading Slowly", author: "A. Reader" },
  version: 1,
  createdAt: "2026-11-01T00:00:00.000Z",
};
const report = {
  format: "text",
  lines: 1200,
  blocks: { title: 1, paragraph: 40 },
  ligatures: [{ glyph: "ﬁ", replacement: "fi", count: 3 }],
  dehyphenated: { lineBreak: 5, pageBreak: 2, keptCompound: 1 },
  pageBreaks: 7,
  pageArtefactsRemoved: 14,
  paragraphsJoinedAcrossPages: 2,
  footnoteMarkersSeparated: 4,
  unresolved: Array.from({ length: 12 }, (_, i) => ({ token: `word${i}`, reason: "unknown word" })),
};

const renderLibrary = (navigate = vi.fn()) =>
  render(<Library user={ada} navigate={navigate} onSignOut={() => undefined} />);
const card = (name: string) => screen.getByRole("region", { name });

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe("the library", () => {
  it("lists each group with its texts and the reader's role, and opens a text in the reader", async () => {
    serveApi({
      "GET /api/groups": [200, { groups: [owned, joined] }],
      [`GET /api/groups/${owned.id}/rooms`]: [200, { rooms: [room] }],
      [`GET /api/groups/${joined.id}/rooms`]: [200, { rooms: [] }],
    });
    const navigate = vi.fn();
    renderLibrary(navigate);
    await screen.findByRole("heading", { name: "Tuesday Readers" });
    expect(within(card("Tuesday Readers")).getByText("You are an owner")).toBeTruthy();
    expect(within(card("Thursday Club")).getByText("You are a member")).toBeTruthy();
    expect(within(card("Thursday Club")).getByText("No texts yet.")).toBeTruthy();
    const link = within(card("Tuesday Readers")).getByRole("link", { name: "On Reading Slowly A. Reader" });
    expect(link.getAttribute("href")).toBe(readerPath(owned.id, room.id));
    fireEvent.click(link);
    expect(navigate).toHaveBeenCalledWith(readerPath(owned.id, room.id));
  });

  it("offers invites and uploads to owners and instructors only", async () => {
    serveApi({
      "GET /api/groups": [200, { groups: [owned, joined] }],
      [`GET /api/groups/${owned.id}/rooms`]: [200, { rooms: [] }],
      [`GET /api/groups/${joined.id}/rooms`]: [200, { rooms: [] }],
    });
    renderLibrary();
    await screen.findByRole("heading", { name: "Thursday Club" });
    expect(
      within(card("Tuesday Readers")).getByRole("button", { name: "New member invite link" }),
    ).toBeTruthy();
    expect(within(card("Thursday Club")).queryByRole("button", { name: /invite link/u })).toBeNull();
    expect(within(card("Thursday Club")).queryByRole("button", { name: "Add a text" })).toBeNull();
  });

  it("tells someone in no group how to start", async () => {
    serveApi({ "GET /api/groups": [200, { groups: [] }] });
    renderLibrary();
    expect(
      await screen.findByText("You are not in any group yet. Create one, or open an invite link."),
    ).toBeTruthy();
  });

  it("says why the groups cannot be loaded", async () => {
    serveApi({ "GET /api/groups": [500, { error: { code: "internal", message: "Something broke." } }] });
    renderLibrary();
    expect((await screen.findByRole("alert")).textContent).toBe("Something broke.");
  });

  it("creates a group with the name given, and shows it", async () => {
    let groups = [joined];
    const calls = serveApi({
      "GET /api/groups": () => [200, { groups }],
      "POST /api/groups": ({ body }) => {
        groups = [...groups, groupOf(owned.id, (body as { name: string }).name, "owner")];
        return [201, { group: groups.at(-1) }];
      },
      [`GET /api/groups/${owned.id}/rooms`]: [200, { rooms: [] }],
      [`GET /api/groups/${joined.id}/rooms`]: [200, { rooms: [] }],
    });
    renderLibrary();
    await screen.findByRole("heading", { name: "Thursday Club" });
    fireEvent.submit(screen.getByRole("form", { name: "Create a group" }));
    expect(calls).not.toContain("POST /api/groups");
    fireEvent.change(screen.getByLabelText("New group"), { target: { value: "  Friday Seminar " } });
    fireEvent.submit(screen.getByRole("form", { name: "Create a group" }));
    expect(await screen.findByRole("heading", { name: "Friday Seminar" })).toBeTruthy();
    expect((screen.getByLabelText("New group") as HTMLInputElement).value).toBe("");
  });

  it("says why a group cannot be created", async () => {
    serveApi({
      "GET /api/groups": [200, { groups: [] }],
      "POST /api/groups": [400, { error: { code: "bad_request", message: "name: is too long" } }],
    });
    renderLibrary();
    fireEvent.change(await screen.findByLabelText("New group"), { target: { value: "x" } });
    fireEvent.submit(screen.getByRole("form", { name: "Create a group" }));
    expect((await screen.findByRole("alert")).textContent).toBe("name: is too long");
  });

  it("lists a group's members when opened", async () => {
    serveApi({
      "GET /api/groups": [200, { groups: [joined] }],
      [`GET /api/groups/${joined.id}/rooms`]: [200, { rooms: [] }],
      [`GET /api/groups/${joined.id}/members`]: [
        200,
        {
          members: [
            { userId: ada.id, displayName: "Ada", role: "member", joinedAt: "2026-11-01T00:00:00.000Z" },
            { userId: owned.id, displayName: "Bob", role: "owner", joinedAt: "2026-11-01T00:00:00.000Z" },
          ],
        },
      ],
    });
    renderLibrary();
    await screen.findByRole("heading", { name: "Thursday Club" });
    const details = within(card("Thursday Club")).getByText("2 members").closest("details")!;
    details.open = true;
    fireEvent(details, new Event("toggle"));
    expect((await within(details).findByText("Bob")).closest("li")!.textContent).toBe("Bob · owner");
    // A member changes nobody's role and removes nobody.
    expect(within(details).queryByRole("combobox")).toBeNull();
    expect(within(details).queryByRole("button", { name: /Remove/ })).toBeNull();
  });

  it("shows an invite link with its terms, copied when the browser allows it, and lists it among the open invites", async () => {
    const url = "http://localhost:3000/invite/abcdefghijklmnopqrstuvwxyz";
    const made = {
      id: "99999999-9999-4999-8999-999999999999",
      groupId: owned.id,
      role: "member",
      expiresAt: "2026-12-07T10:00:00.000Z",
      maxUses: 25,
      uses: 0,
      createdAt: "2026-11-30T10:00:00.000Z",
    };
    let open: unknown[] = [];
    const calls = serveApi({
      "GET /api/groups": [200, { groups: [owned] }],
      [`GET /api/groups/${owned.id}/rooms`]: [200, { rooms: [] }],
      [`GET /api/groups/${owned.id}/invites`]: () => [200, { invites: open }],
      [`POST /api/groups/${owned.id}/invites`]: () => {
        open = [made];
        return [201, { invite: { ...made, url } }];
      },
    });
    const writeText = vi.fn(async (_text: string) => undefined);
    vi.stubGlobal("navigator", { ...navigator, clipboard: { writeText } });
    renderLibrary();
    fireEvent.click(await screen.findByRole("button", { name: "New member invite link" }));
    const status = await screen.findByRole("status");
    expect(status.textContent).toMatch(/^Invite link copied: +Member invite · 0 of 25 uses · expires /);
    // The open-invites list is fetched again and shows it.
    await waitFor(() => expect(calls).toContain(`GET /api/groups/${owned.id}/invites`));
    const invites = within(card("Tuesday Readers")).getByText("Invites").closest("details")!;
    expect(await within(invites).findByText(/^Member invite · 0 of 25 uses/)).toBeTruthy();
    expect((within(status).getByLabelText("Invite link") as HTMLInputElement).value).toBe(url);
    expect(writeText).toHaveBeenCalledWith(url);
    writeText.mockRejectedValueOnce(new Error("denied"));
    fireEvent.click(screen.getByRole("button", { name: "Copy invite link" }));
    await waitFor(() =>
      expect(screen.getByRole("status").textContent).toMatch(/^Invite link: +Member invite/),
    );
  });

  it("copies the link it made again rather than making one more, until it is no longer open", async () => {
    const made = (n: number) => ({
      id: `99999999-9999-4999-8999-99999999999${n}`,
      groupId: owned.id,
      role: "member",
      expiresAt: "2026-12-07T10:00:00.000Z",
      maxUses: 25,
      uses: 0,
      createdAt: "2026-11-30T10:00:00.000Z",
    });
    let open: ReturnType<typeof made>[] = [];
    let posted = 0;
    serveApi({
      "GET /api/groups": [200, { groups: [owned] }],
      [`GET /api/groups/${owned.id}/rooms`]: [200, { rooms: [] }],
      [`GET /api/groups/${owned.id}/invites`]: () => [200, { invites: open }],
      [`POST /api/groups/${owned.id}/invites`]: () => {
        posted += 1;
        const invite = made(posted);
        open = [...open, invite];
        return [201, { invite: { ...invite, url: `http://localhost:3000/invite/token${posted}` } }];
      },
    });
    const writeText = vi.fn(async (_text: string) => undefined);
    vi.stubGlobal("navigator", { ...navigator, clipboard: { writeText } });
    renderLibrary();
    fireEvent.click(await screen.findByRole("button", { name: "New member invite link" }));
    const again = await screen.findByRole("button", { name: "Copy invite link" });
    open[0]!.uses = 3;
    fireEvent.click(again);
    fireEvent.click(again);
    await waitFor(() => expect(writeText).toHaveBeenCalledTimes(3));
    expect(posted).toBe(1);
    expect(new Set(writeText.mock.calls.map(([text]) => text))).toEqual(
      new Set(["http://localhost:3000/invite/token1"]),
    );
    await waitFor(() => expect(screen.getByRole("status").textContent).toContain("3 of 25 uses"));
    // Revoked (or used up, or expired): the next press makes a new one.
    open = [];
    fireEvent.click(again);
    await waitFor(() => expect(writeText).toHaveBeenLastCalledWith("http://localhost:3000/invite/token2"));
    fireEvent.click(screen.getByRole("button", { name: "Make a new link" }));
    await waitFor(() => expect(writeText).toHaveBeenLastCalledWith("http://localhost:3000/invite/token3"));
    expect(posted).toBe(3);
  });

  it("shows what the importer did: counts, repairs in context and doubts in their sentence", () => {
    const examples = [
      { repair: "ligature" as const, before: "the e�ect of print", after: "the effect of print" },
    ];
    render(
      <ImportReportView
        result={{
          created: true,
          message: "Imported “On Reading Slowly”.",
          document: room.document,
          version: { number: 1 },
          report: {
            ...report,
            format: "text",
            examples,
            unresolved: [
              ...report.unresolved,
              { token: "efiect", reason: "not a word", sentence: "The efiect was plain.", blockOrdinal: 3 },
            ],
          },
        }}
      />,
    );
    const summary = screen.getByRole("status");
    expect(summary.textContent).toContain("Read as text, 1,200 lines");
    expect(summary.textContent).toContain("Blocks: 1 title, 40 paragraph");
    expect(summary.textContent).toContain("Repaired glyphs: “ﬁ” → “fi” (3×)");
    expect(summary.textContent).toContain("Rejoined hyphenated words: 7 (kept 1 compound)");
    expect(summary.textContent).toContain("and 3 more");
    expect(within(summary).getByText("the e�ect of print").className).toBe("before");
    expect(within(summary).getByText("efiect").tagName).toBe("MARK");
    expect(summary.textContent).toContain("The efiect was plain. — not a word (block 4)");
  });
});
