// Running a group from the library: roles and removals, invites with their terms, texts renamed and removed, and the
// activity log; each offered only to the roles the server allows, each destructive step confirmed.
import { cleanup, fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { AuditPageDto, InviteDto, MemberDto, Role, RoomDto } from "../../api/http.ts";
import { serveApi, type FakeRequest } from "../../testing/fake-api.ts";
import { AuditLog } from "./AuditLog.tsx";
import { describeAuditEvent } from "./describe-audit.ts";
import { InvitePanel } from "./InvitePanel.tsx";
import { MemberList } from "./MemberList.tsx";
import { RemovedTexts } from "./RemovedTexts.tsx";
import { TextActions } from "./TextActions.tsx";

const groupId = "11111111-1111-4111-8111-111111111111";
const me = "22222222-2222-4222-8222-222222222222";
const member = (userId: string, displayName: string, role: Role): MemberDto => ({
  userId,
  displayName,
  role,
  joinedAt: "2026-11-01T00:00:00.000Z",
});
const people = [
  member(me, "Me", "owner"),
  member("33333333-3333-4333-8333-333333333333", "Ida", "instructor"),
  member("44444444-4444-4444-8444-444444444444", "Mel", "member"),
  member("55555555-5555-4555-8555-555555555555", "Obi", "observer"),
];

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

/** window.confirm answering `answers` in turn, recording its questions. */
function answerConfirm(...answers: boolean[]) {
  const confirm = vi.fn((_question: string) => answers.shift() ?? false);
  Object.defineProperty(window, "confirm", { value: confirm, configurable: true });
  return confirm;
}

const open = (summary: string) => {
  const details = screen.getByText(summary).closest("details")!;
  details.open = true;
  fireEvent(details, new Event("toggle"));
  return details;
};

describe("the member list", () => {
  it("lets an owner change a role with a select, and remove someone only after confirming", async () => {
    const seen: FakeRequest[] = [];
    const calls = serveApi({
      [`GET /api/groups/${groupId}/members`]: [200, { members: people }],
      [`PATCH /api/groups/${groupId}/members/${people[2]!.userId}`]: (request) => {
        seen.push(request);
        return [200, { member: { userId: people[2]!.userId, role: "instructor" } }];
      },
      [`DELETE /api/groups/${groupId}/members/${people[3]!.userId}`]: [204, null],
    });
    render(<MemberList groupId={groupId} count={4} role="owner" userId={me} />);
    const details = open("4 members");
    fireEvent.change(await within(details).findByRole("combobox", { name: "Role of Mel" }), {
      target: { value: "instructor" },
    });
    await waitFor(() => expect(seen.map((request) => request.body)).toEqual([{ role: "instructor" }]));
    expect((await screen.findByRole("status")).textContent).toBe("Mel is now an instructor.");

    const confirm = answerConfirm(false, true);
    fireEvent.click(within(details).getByRole("button", { name: "Remove Obi" }));
    expect(confirm).toHaveBeenCalledWith("Remove Obi from the group? They lose access at once.");
    expect(calls.filter((call) => call.startsWith("DELETE"))).toEqual([]);
    fireEvent.click(within(details).getByRole("button", { name: "Remove Obi" }));
    await waitFor(() =>
      expect(calls).toContain(`DELETE /api/groups/${groupId}/members/${people[3]!.userId}`),
    );
    // Nobody is offered to remove themselves (leaving is its own action).
    expect(within(details).queryByRole("button", { name: "Remove Me" })).toBeNull();
  });

  it("lets an instructor remove members and observers only, and change no role", async () => {
    serveApi({ [`GET /api/groups/${groupId}/members`]: [200, { members: people }] });
    render(<MemberList groupId={groupId} count={4} role="instructor" userId={people[1]!.userId} />);
    const details = open("4 members");
    await within(details).findByText("Mel");
    expect(within(details).queryByRole("combobox")).toBeNull();
    const removable = within(details)
      .getAllByRole("button", { name: /^Remove / })
      .map((button) => button.getAttribute("aria-label"));
    expect(removable).toEqual(["Remove Mel", "Remove Obi"]);
  });

  it("says in the server's words why a change was refused", async () => {
    serveApi({
      [`GET /api/groups/${groupId}/members`]: [200, { members: people }],
      [`PATCH /api/groups/${groupId}/members/${me}`]: [
        409,
        { error: { code: "last_owner", message: "This is the group's last owner." } },
      ],
    });
    render(<MemberList groupId={groupId} count={4} role="owner" userId={me} />);
    const details = open("4 members");
    fireEvent.change(await within(details).findByRole("combobox", { name: "Role of Me" }), {
      target: { value: "member" },
    });
    expect((await screen.findByRole("alert")).textContent).toBe("This is the group's last owner.");
  });
});

const invite = (role: Role, uses = 0): InviteDto => ({
  id: crypto.randomUUID(),
  groupId,
  role,
  expiresAt: "2026-12-07T10:00:00.000Z",
  createdAt: "2026-11-30T10:00:00.000Z",
  maxUses: 25,
  uses,
});

describe("invites", () => {
  it("are made with the role, expiry and uses chosen; open ones are listed and revoked", async () => {
    let invites = [invite("member", 2)];
    const posted: unknown[] = [];
    const calls = serveApi({
      [`GET /api/groups/${groupId}/invites`]: () => [200, { invites }],
      [`POST /api/groups/${groupId}/invites`]: ({ body }) => {
        posted.push(body);
        invites = [{ ...invite("instructor"), maxUses: 3 }, ...invites];
        return [
          201,
          { invite: { ...invites[0], url: "http://scholia.test/invite/secret-token-1234567890" } },
        ];
      },
      [`DELETE /api/groups/${groupId}/invites/${invites[0]!.id}`]: () => {
        invites = invites.slice(0, 1);
        return [204, null];
      },
    });
    render(<InvitePanel groupId={groupId} role="owner" />);
    const details = open("Invites");
    const list = await within(details).findByRole("list", { name: "Open invites" });
    expect(list.textContent).toMatch(/^Member invite · 2 of 25 uses · expires /);

    const form = within(details).getByRole("form", { name: "New invite link" });
    fireEvent.change(within(form).getByLabelText("Role"), { target: { value: "instructor" } });
    fireEvent.change(within(form).getByLabelText("Expires after (days)"), { target: { value: "2" } });
    fireEvent.change(within(form).getByLabelText("Maximum uses"), { target: { value: "3" } });
    fireEvent.submit(form);
    expect(
      ((await within(details).findByRole("textbox", { name: "New invite link" })) as HTMLInputElement).value,
    ).toBe("http://scholia.test/invite/secret-token-1234567890");
    expect(posted).toEqual([{ role: "instructor", expiresInDays: 2, maxUses: 3 }]);
    await waitFor(() => expect(within(details).getAllByRole("button", { name: "Revoke" })).toHaveLength(2));
    expect(within(list).getAllByRole("listitem")[0]!.textContent).toMatch(/^Instructor invite · 0 of 3 uses/);

    const memberInviteId = invites[1]!.id;
    fireEvent.click(within(details).getAllByRole("button", { name: "Revoke" })[1]!);
    await waitFor(() => expect(calls).toContain(`DELETE /api/groups/${groupId}/invites/${memberInviteId}`));
  });

  it("offers an instructor member and observer invites only, and no revoking of an instructor's invite", async () => {
    serveApi({
      [`GET /api/groups/${groupId}/invites`]: [200, { invites: [invite("instructor"), invite("member")] }],
    });
    render(<InvitePanel groupId={groupId} role="instructor" />);
    const details = open("Invites");
    const options = within(within(details).getByLabelText("Role")).getAllByRole("option");
    expect(options.map((option) => option.textContent)).toEqual(["member", "observer"]);
    const items = within(await within(details).findByRole("list", { name: "Open invites" })).getAllByRole(
      "listitem",
    );
    expect(items.map((item) => within(item).queryByRole("button", { name: "Revoke" }) !== null)).toEqual([
      false,
      true,
    ]);
  });
});

describe("a text's actions", () => {
  const room: RoomDto = {
    id: "66666666-6666-4666-8666-666666666666",
    groupId,
    document: { id: "77777777-7777-4777-8777-777777777777", title: "On Reading", author: "A. Reader" },
    version: 1,
    createdAt: "2026-11-01T00:00:00.000Z",
  } as RoomDto;

  it("renames a text and removes it only after confirming", async () => {
    const bodies: unknown[] = [];
    const calls = serveApi({
      [`PATCH /api/documents/${room.document.id}`]: ({ body }) => {
        bodies.push(body);
        return [200, { document: {} }];
      },
      [`DELETE /api/documents/${room.document.id}`]: [204, null],
    });
    const onChanged = vi.fn(async () => undefined);
    render(<TextActions room={room} onChanged={onChanged} />);
    fireEvent.click(screen.getByRole("button", { name: "Rename On Reading" }));
    const form = screen.getByRole("form", { name: "Rename On Reading" });
    fireEvent.change(within(form).getByLabelText("Title"), { target: { value: " Reading Slowly " } });
    fireEvent.change(within(form).getByLabelText("Author"), { target: { value: "" } });
    fireEvent.submit(form);
    await waitFor(() => expect(bodies).toEqual([{ title: "Reading Slowly", author: "" }]));
    await waitFor(() => expect(onChanged).toHaveBeenCalledTimes(1));

    const confirm = answerConfirm(false, true);
    fireEvent.click(screen.getByRole("button", { name: "Remove On Reading" }));
    expect(confirm.mock.calls[0]![0]).toMatch(
      /^Remove “On Reading”\? .*exportable by owners and instructors/,
    );
    expect(calls.filter((call) => call.startsWith("DELETE"))).toEqual([]);
    fireEvent.click(screen.getByRole("button", { name: "Remove On Reading" }));
    await waitFor(() => expect(calls).toContain(`DELETE /api/documents/${room.document.id}`));
  });
});

describe("removed texts", () => {
  it("are listed when opened, each with its discussion to download", async () => {
    const removed = {
      id: "88888888-8888-4888-8888-888888888888",
      groupId,
      document: { id: "99999999-9999-4999-8999-999999999999", title: "Gone", author: null },
      version: 1,
      createdAt: "2026-11-01T00:00:00.000Z",
    };
    const calls = serveApi({
      [`GET /api/groups/${groupId}/rooms?removed=true`]: [200, { rooms: [removed] }],
    });
    render(<RemovedTexts groupId={groupId} />);
    const details = open("Removed texts");
    const list = await within(details).findByRole("list", { name: "Removed texts" });
    expect(list.textContent).toMatch(/^Gone · download the discussion:/);
    expect(
      within(list)
        .getAllByRole("link")
        .map((link) => [link.textContent, link.getAttribute("href")]),
    ).toEqual([
      ["Markdown", `/api/rooms/${removed.id}/export?format=md`],
      ["Web page", `/api/rooms/${removed.id}/export?format=html`],
      ["CSV", `/api/rooms/${removed.id}/export?format=csv`],
    ]);
    // Only the removed rooms are asked for (opening may be announced twice in the test's DOM).
    expect(new Set(calls)).toEqual(new Set([`GET /api/groups/${groupId}/rooms?removed=true`]));
  });
});

const event = (
  action: string,
  details: Record<string, unknown> = {},
  target: string | null = "Mel",
): AuditPageDto["events"][number] => ({
  id: crypto.randomUUID(),
  action,
  createdAt: "2026-11-30T10:00:00.000Z",
  actor: { id: me, name: "Olive" },
  target: target === null ? null : { id: crypto.randomUUID(), name: target },
  details,
});

describe("the activity log", () => {
  it("says each event in a sentence", () => {
    expect(describeAuditEvent(event("member.role_changed", { from: "member", to: "instructor" }))).toBe(
      "Olive changed Mel's role from member to instructor.",
    );
    expect(describeAuditEvent(event("member.joined", { role: "observer" }))).toBe(
      "Mel joined as an observer.",
    );
    expect(describeAuditEvent(event("member.removed", { role: "member" }))).toBe(
      "Olive removed Mel (member).",
    );
    expect(describeAuditEvent(event("member.left"))).toBe("Mel left the group.");
    expect(describeAuditEvent(event("invite.revoked", { role: "member" }))).toBe(
      "Olive revoked a member invite link.",
    );
    expect(
      describeAuditEvent(event("group.settings_changed", { name: "New", previousName: "Old" }, null)),
    ).toBe("Olive renamed the group from “Old” to “New”.");
    expect(describeAuditEvent(event("document.removed", {}, "On Reading"))).toBe(
      "Olive removed the text “On Reading”.",
    );
    expect(describeAuditEvent(event("thread.hidden", { reason: "Off topic" }, null))).toBe(
      "Olive hid a thread: “Off topic”.",
    );
    expect(describeAuditEvent(event("thread.pinned", {}, null))).toBe("Olive pinned a thread.");
    expect(describeAuditEvent({ ...event("member.left"), target: null })).toBe(
      "someone no longer here left the group.",
    );
    expect(describeAuditEvent(event("something.new", {}, null))).toBe("Olive: something new.");
  });

  it("loads when opened, newest first, and shows older pages on request", async () => {
    const first = [event("member.removed", { role: "member" }), event("member.joined", { role: "member" })];
    const older = [event("group.created", {}, "Olive")];
    serveApi({
      [`GET /api/groups/${groupId}/audit`]: [200, { events: first, nextCursor: first[1]!.id }],
      [`GET /api/groups/${groupId}/audit?before=${first[1]!.id}`]: [200, { events: older, nextCursor: null }],
    });
    render(<AuditLog groupId={groupId} />);
    const details = open("Activity log");
    const list = await within(details).findByRole("list", { name: "Activity" });
    const sentences = () =>
      within(list)
        .getAllByRole("listitem")
        .map((item) => item.textContent?.replace(/ \S+ ago$| just now$/, "").trim());
    await waitFor(() => expect(sentences()).toHaveLength(2));
    expect(sentences()[0]).toMatch(/^Olive removed Mel \(member\)\./);
    fireEvent.click(within(details).getByRole("button", { name: "Show older" }));
    await waitFor(() => expect(sentences()).toHaveLength(3));
    expect(sentences()[2]).toMatch(/^Olive created the group\./);
    expect(within(details).queryByRole("button", { name: "Show older" })).toBeNull();
  });
});
