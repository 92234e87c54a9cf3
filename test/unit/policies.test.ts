// The policy table, stated as a whole: every role (and outsiders) against every action, with the resources that matter.
import { describe, expect, it } from "vitest";
import { AppError } from "../../server/domain/app-error.ts";
import {
  authorize,
  can,
  rolesAllowed,
  type GroupAction,
  type GroupResource,
} from "../../server/domain/policies.ts";
import { roles, type Role } from "../../shared/schemas/groups.ts";

const me = "user-me";
const someoneElse = "user-other";

/** A case of the table: an action on a resource, described for the test's failure message. */
interface Case {
  action: GroupAction;
  resource: GroupResource;
  label: string;
}

const plain = (action: GroupAction): Case => ({ action, resource: {}, label: action });
const granting = (grantedRole: Role | undefined): Case => ({
  action: "group.invite.create",
  resource: grantedRole ? { grantedRole } : {},
  label: `invite as ${grantedRole ?? "(default)"}`,
});
const removing = (targetRole: Role | undefined): Case => ({
  action: "group.member.remove",
  resource: targetRole ? { targetRole } : {},
  label: `remove ${targetRole ?? "(unknown role)"}`,
});
const revoking = (grantedRole: Role | undefined): Case => ({
  action: "group.invite.revoke",
  resource: grantedRole ? { grantedRole } : {},
  label: grantedRole ? `revoke a ${grantedRole} invite` : "group.invite.revoke",
});
const onOwn = (action: GroupAction): Case => ({ action, resource: { authorId: me }, label: `${action} own` });
const onOthers = (action: GroupAction): Case => ({
  action,
  resource: { authorId: someoneElse },
  label: `${action} other's`,
});

const everyone = new Set<Role>(roles);
const writers = new Set<Role>(["owner", "instructor", "member"]);
const teachers = new Set<Role>(["owner", "instructor"]);
const owners = new Set<Role>(["owner"]);
const nobody = new Set<Role>();

/** Who may, for each case. The rule in words is in the comments; the table is the contract. */
const table: [Case, Set<Role>][] = [
  [plain("group.read"), everyone],
  [plain("group.members.list"), everyone],
  [plain("group.leave"), everyone],
  [plain("document.read"), everyone],
  [plain("room.list"), everyone],
  [plain("room.read"), everyone],
  // What a room notifies me of is my own choice.
  [plain("room.notifications"), everyone],
  // Everyone sees their own analytics; only owners and instructors see everyone's.
  [plain("room.analytics"), everyone],
  [plain("room.analytics.everyone"), teachers],
  // Owners and instructors choose the texts, open rooms, read instructors' notes and import annotations.
  [plain("document.create"), teachers],
  [plain("document.version.create"), teachers],
  [plain("room.create"), teachers],
  [plain("room.readInstructorNotes"), teachers],
  [plain("room.importAnnotations"), teachers],
  [plain("content.hide"), teachers],
  // Extensions and participation snapshots of a room's assignment are the teachers'.
  [plain("room.assignment.manage"), teachers],
  // An announcement notifies the whole room.
  [plain("thread.announce"), teachers],
  // Owners and instructors change a room's settings and see every thread where a room hides them until one posts.
  [plain("room.settings.update"), teachers],
  [plain("room.readBeforePosting"), teachers],
  // Owners and instructors split the class into sections and read every section; learners read their own.
  [plain("group.sections.manage"), teachers],
  [plain("room.readAllSections"), teachers],
  // Only owners change roles and the group's settings.
  [plain("group.member.changeRole"), owners],
  [plain("group.settings.update"), owners],
  // Owners and instructors lead a "follow me"; members too where the group allows it; observers never.
  [plain("room.lead"), teachers],
  [
    { action: "room.lead", resource: { membersMayLead: true }, label: "room.lead where members may" },
    writers,
  ],
  // Instructors invite learners; only owners hand out teaching rights; nobody invites owners.
  [granting("observer"), teachers],
  [granting("member"), teachers],
  [granting(undefined), teachers],
  [granting("instructor"), owners],
  [granting("owner"), nobody],
  // Owners remove anyone; instructors remove members and observers, never other instructors or owners.
  [removing("observer"), teachers],
  [removing("member"), teachers],
  [removing("instructor"), owners],
  [removing("owner"), owners],
  [removing(undefined), owners],
  // Those who make invites see the open ones; revoking follows creating: instructors revoke learners' invites
  // only, and an invite of unknown role counts as a teacher's.
  [plain("group.invite.list"), teachers],
  [revoking("observer"), teachers],
  [revoking("member"), teachers],
  [revoking("instructor"), owners],
  [revoking(undefined), owners],
  // The audit log, renaming and removing texts, and pinning threads belong to the group's teachers.
  [plain("group.audit.read"), teachers],
  [plain("document.manage"), teachers],
  [plain("thread.pin"), teachers],
  // Moving a room to a new version of its text, and re-attaching the threads it detached, is the teachers' call.
  [plain("room.moveVersion"), teachers],
  [plain("thread.reattach"), teachers],
  // Observers read only.
  [plain("thread.create"), writers],
  [plain("comment.create"), writers],
  [plain("reaction.toggle"), writers],
  // People change only their own words (observers have none to change); moderators hide, they do not rewrite.
  [onOwn("content.edit"), writers],
  [onOthers("content.edit"), nobody],
  [onOwn("content.delete"), writers],
  [onOthers("content.delete"), nobody],
  [plain("content.edit"), nobody],
  // A thread is resolved by its author, or by instructors and owners.
  [onOwn("thread.resolve"), writers],
  [onOthers("thread.resolve"), teachers],
  // Tags are set by the thread's author and by the group's moderators.
  [onOwn("thread.tag"), writers],
  [onOthers("thread.tag"), teachers],
  // Instructor-only threads are started by those who read them.
  [plain("thread.createForInstructors"), teachers],
];

const allActions: GroupAction[] = [
  "group.read",
  "group.members.list",
  "group.invite.create",
  "group.invite.list",
  "group.invite.revoke",
  "group.audit.read",
  "group.member.changeRole",
  "group.member.remove",
  "group.leave",
  "group.settings.update",
  "group.sections.manage",
  "document.read",
  "document.create",
  "document.version.create",
  "document.manage",
  "room.list",
  "room.create",
  "room.read",
  "room.readInstructorNotes",
  "room.importAnnotations",
  "room.lead",
  "room.settings.update",
  "room.readBeforePosting",
  "room.assignment.manage",
  "room.analytics",
  "room.analytics.everyone",
  "room.readAllSections",
  "room.moveVersion",
  "room.notifications",
  "thread.create",
  "thread.createForInstructors",
  "thread.announce",
  "thread.tag",
  "thread.pin",
  "thread.reattach",
  "comment.create",
  "content.edit",
  "content.delete",
  "thread.resolve",
  "content.hide",
  "reaction.toggle",
];

describe("the policy table", () => {
  it("covers every action", () => {
    expect(new Set(table.map(([c]) => c.action))).toEqual(new Set(allActions));
  });

  it("allows each role exactly what the table says, for every action", () => {
    const actual = table.map(([c]) => [
      c.label,
      roles.filter((role) => can({ userId: me, role }, c.action, c.resource)),
    ]);
    const expected = table.map(([c, allowed]) => [c.label, roles.filter((role) => allowed.has(role))]);
    expect(actual).toEqual(expected);
  });

  it("instructors cannot remove other instructors; observers cannot edit their own words", () => {
    expect(can({ userId: me, role: "instructor" }, "group.member.remove", { targetRole: "instructor" })).toBe(
      false,
    );
    expect(can({ userId: me, role: "observer" }, "content.edit", { authorId: me })).toBe(false);
    expect(can({ userId: me, role: "observer" }, "content.delete", { authorId: me })).toBe(false);
  });

  it("lets people who are not in the group do nothing", () => {
    for (const [c] of table) expect(can({ userId: me, role: undefined }, c.action, c.resource)).toBe(false);
  });
});

function refusal(run: () => void): AppError {
  try {
    run();
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error("expected a refusal");
}

describe("rolesAllowed", () => {
  it("lists the roles can() allows a resource-independent action, as set-based queries need them", () => {
    for (const [c, allowed] of table.filter(([c]) => c.label === c.action)) {
      expect(new Set(rolesAllowed(c.action)), c.action).toEqual(allowed);
    }
  });
});

describe("authorize", () => {
  it("answers outsiders 404 naming the kind of thing, so a group's existence is not revealed", () => {
    const outsider = { userId: me, role: undefined };
    const seen = (action: GroupAction) => refusal(() => authorize(outsider, action));
    expect(seen("group.read")).toMatchObject({ status: 404, message: "Group was not found." });
    expect(seen("group.member.remove")).toMatchObject({ status: 404, message: "Group was not found." });
    expect(seen("document.read")).toMatchObject({ status: 404, message: "Document was not found." });
    expect(seen("room.read")).toMatchObject({ status: 404, message: "Room was not found." });
    expect(seen("thread.create")).toMatchObject({ status: 404, message: "Room was not found." });
  });

  it("names what the role was looked up in, when the caller says: an upload to another group names the group", () => {
    const outsider = { userId: me, role: undefined, within: "Group" as const };
    for (const action of ["document.create", "document.manage", "room.create", "room.list"] as const) {
      expect(refusal(() => authorize(outsider, action))).toMatchObject({
        status: 404,
        message: "Group was not found.",
      });
    }
  });

  it("names the action refused, not one borrowed: tags and instructor-only threads", () => {
    expect(
      refusal(() => authorize({ userId: me, role: "member" }, "thread.tag", { authorId: someoneElse }))
        .message,
    ).toBe(
      "Your role (member) does not allow changing this thread's tags (its author, instructors and owners can).",
    );
    expect(
      refusal(() => authorize({ userId: me, role: "member" }, "thread.createForInstructors")).message,
    ).toBe(
      "Your role (member) does not allow starting instructor-only threads (owners and instructors can).",
    );
  });

  it("answers members whose role does not allow it 403, naming their role and what was refused", () => {
    const refusals = table.flatMap(([c, allowed]) =>
      roles
        .filter((role) => !allowed.has(role))
        .map((role) => refusal(() => authorize({ userId: me, role }, c.action, c.resource))),
    );
    for (const error of refusals) {
      expect(error.status).toBe(403);
      expect(error.message).toMatch(
        /^Your role \((owner|instructor|member|observer)\) does not allow \S.*\.$/,
      );
    }
    // Each refused action is explained in its own words.
    const byAction = new Map<GroupAction, Set<string>>();
    for (const [c, allowed] of table) {
      for (const role of roles.filter((r) => !allowed.has(r))) {
        const message = refusal(() => authorize({ userId: me, role }, c.action, c.resource)).message;
        const explanation = message.replace(/^Your role \(\w+\) does not allow /, "");
        byAction.set(c.action, (byAction.get(c.action) ?? new Set()).add(explanation));
      }
    }
    const explanations = [...byAction.values()].map((set) => [...set]);
    for (const set of explanations) expect(set).toHaveLength(1);
    expect(new Set(explanations.flat()).size).toBe(explanations.length);
  });

  it("lets through what the table allows", () => {
    for (const [c, allowed] of table) {
      for (const role of allowed)
        expect(() => authorize({ userId: me, role }, c.action, c.resource)).not.toThrow();
    }
  });
});
