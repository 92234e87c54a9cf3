// Who may do what: one pure can() over roles, and authorize() which throws a 403 (or 404 for outsiders).
import type { Role } from "../../shared/schemas/groups.ts";
import { AppError } from "./app-error.ts";

/** The person acting and their role in the group concerned (undefined when not a member). */
export interface Actor {
  userId: string;
  role: Role | undefined;
  /**
   * What the role was looked up in, which a 404 for an outsider names ("Group was not found" for an upload to
   * someone else's group); otherwise told from the action.
   */
  within?: "Group" | "Room" | "Document";
}

export type GroupAction =
  | "group.read"
  | "group.members.list"
  | "group.invite.create"
  | "group.invite.list"
  | "group.invite.revoke"
  | "group.audit.read"
  | "group.member.changeRole"
  | "group.member.remove"
  | "group.leave"
  | "group.settings.update"
  | "group.sections.manage"
  | "document.read"
  | "document.create"
  | "document.version.create"
  | "document.manage"
  | "room.list"
  | "room.create"
  | "room.read"
  | "room.readInstructorNotes"
  | "room.importAnnotations"
  | "room.notifications"
  | "room.lead"
  | "room.settings.update"
  | "room.readBeforePosting"
  | "room.assignment.manage"
  | "room.analytics"
  | "room.analytics.everyone"
  | "room.readAllSections"
  | "room.moveVersion"
  | "thread.create"
  | "thread.createForInstructors"
  | "thread.announce"
  | "thread.tag"
  | "thread.pin"
  | "thread.reattach"
  | "comment.create"
  | "content.edit"
  | "content.delete"
  | "thread.resolve"
  | "content.hide"
  | "reaction.toggle";

/** The resource an action touches: the target member's role and the role being granted, where relevant. */
export interface GroupResource {
  targetRole?: Role;
  grantedRole?: Role;
  /** The author of the thread or comment acted on. */
  authorId?: string;
  /** Whether the group lets members (not only owners and instructors) lead a "follow me". */
  membersMayLead?: boolean;
}

const rank: Record<Role, number> = { observer: 0, member: 1, instructor: 2, owner: 3 };

type Rule = (actor: Actor & { role: Role }, resource: GroupResource) => boolean;

const rules: Record<GroupAction, Rule> = {
  "group.read": () => true,
  "group.members.list": () => true,
  // Instructors invite learners; only owners hand out teaching rights. Nobody invites owners.
  "group.invite.create": ({ role }, { grantedRole }) =>
    (role === "owner" || role === "instructor") &&
    grantedRole !== "owner" &&
    (role === "owner" || rank[grantedRole ?? "member"] < rank.instructor),
  // Who may see a group's open invites: those who may make them.
  "group.invite.list": ({ role }) => role === "owner" || role === "instructor",
  // Revoking follows creating: instructors revoke the learners' invites they could have made, never a teacher's.
  "group.invite.revoke": ({ role }, { grantedRole }) =>
    role === "owner" || (role === "instructor" && rank[grantedRole ?? "owner"] < rank.instructor),
  // The record of who joined, left, changed roles and hid what is for the people who run the group.
  "group.audit.read": ({ role }) => role === "owner" || role === "instructor",
  "group.member.changeRole": ({ role }) => role === "owner",
  // Owners remove anyone; instructors remove members and observers.
  "group.member.remove": ({ role }, { targetRole }) =>
    role === "owner" || (role === "instructor" && rank[targetRole ?? "owner"] < rank.instructor),
  "group.leave": () => true,
  "group.settings.update": ({ role }) => role === "owner",
  // Splitting a class into discussion sections is running the class: its teachers do it.
  "group.sections.manage": ({ role }) => role === "owner" || role === "instructor",
  "document.read": () => true,
  // Texts define what a group reads: owners and instructors choose them.
  "document.create": ({ role }) => role === "owner" || role === "instructor",
  "document.version.create": ({ role }) => role === "owner" || role === "instructor",
  // Renaming or removing a text: those who choose the texts.
  "document.manage": ({ role }) => role === "owner" || role === "instructor",
  "room.list": () => true,
  "room.create": ({ role }) => role === "owner" || role === "instructor",
  "room.read": () => true,
  "room.readInstructorNotes": ({ role }) => role === "owner" || role === "instructor",
  // An import writes many people's words at once: the group's moderators decide what comes in.
  "room.importAnnotations": ({ role }) => role === "owner" || role === "instructor",
  // Leading a class through the text is teaching; a group may open it to its members (never to observers).
  "room.lead": ({ role }, { membersMayLead }) =>
    role === "owner" || role === "instructor" || (role === "member" && membersMayLead === true),
  // A room's settings (hide until posted, assignment) shape how the class works through it: its teachers choose.
  "room.settings.update": ({ role }) => role === "owner" || role === "instructor",
  // Where a room hides others' threads until one posts, its teachers still see everything (they moderate it).
  "room.readBeforePosting": ({ role }) => role === "owner" || role === "instructor",
  // Setting the work, granting extensions and counting participation is teaching.
  "room.assignment.manage": ({ role }) => role === "owner" || role === "instructor",
  // Everyone in the room sees their own reading and writing, observers too (what was recorded about me is mine).
  "room.analytics": () => true,
  // Everyone's numbers are for the group's teachers.
  "room.analytics.everyone": ({ role }) => role === "owner" || role === "instructor",
  // Teachers read every section's threads (and filter by section); members and observers read their own section's.
  "room.readAllSections": ({ role }) => role === "owner" || role === "instructor",
  // Which version of the text a class reads is the teachers' choice, as choosing the text is.
  "room.moveVersion": ({ role }) => role === "owner" || role === "instructor",
  // What a room tells me (mute, follow) is my own choice, observers' too.
  "room.notifications": () => true,
  // Observers read; everyone else writes.
  "thread.create": ({ role }) => role !== "observer",
  // Threads only the teachers read are written by those who read them.
  "thread.createForInstructors": ({ role }) => role === "owner" || role === "instructor",
  // Tags organise the discussion: a thread's author and the group's moderators set them.
  "thread.tag": ({ role, userId }, { authorId }) =>
    role === "owner" || role === "instructor" || (role !== "observer" && authorId === userId),
  // An announcement notifies the whole room: the group's teachers speak to everyone.
  "thread.announce": ({ role }) => role === "owner" || role === "instructor",
  // Pinning puts a thread ahead of everyone's: the group's teachers choose what leads.
  "thread.pin": ({ role }) => role === "owner" || role === "instructor",
  // Putting a detached thread back on the text decides where someone else's words point: the teachers do it.
  "thread.reattach": ({ role }) => role === "owner" || role === "instructor",
  "comment.create": ({ role }) => role !== "observer",
  "reaction.toggle": ({ role }) => role !== "observer",
  // People change only their own words; moderators hide, they do not rewrite.
  "content.edit": ({ role, userId }, { authorId }) => role !== "observer" && authorId === userId,
  "content.delete": ({ role, userId }, { authorId }) => role !== "observer" && authorId === userId,
  "thread.resolve": ({ role, userId }, { authorId }) =>
    role === "owner" || role === "instructor" || (role !== "observer" && authorId === userId),
  "content.hide": ({ role }) => role === "owner" || role === "instructor",
};

/** True when `actor` may perform `action` on `resource`. Non-members may do nothing. */
export function can(actor: Actor, action: GroupAction, resource: GroupResource = {}): boolean {
  if (!actor.role) return false;
  return rules[action]({ ...actor, role: actor.role }, resource);
}

/**
 * The roles for which `can()` allows `action` (on a resource-independent action): how set-based SQL that picks
 * people by role (who is notified of an instructors' thread) follows the same rule as everything else.
 */
export function rolesAllowed(action: GroupAction): Role[] {
  return (Object.keys(rank) as Role[]).filter((role) => can({ userId: "", role }, action));
}

/**
 * Throws unless `can()` allows the action. Outsiders get 404 so that a group's existence is not revealed;
 * members lacking the role get 403.
 */
export function authorize(actor: Actor, action: GroupAction, resource: GroupResource = {}): void {
  if (!actor.role) throw new AppError("not_found", `${actor.within ?? notFoundName(action)} was not found.`);
  if (!can(actor, action, resource)) {
    throw new AppError("forbidden", `Your role (${actor.role}) does not allow ${describe[action]}.`);
  }
}

function notFoundName(action: GroupAction): string {
  if (action.startsWith("document")) return "Document";
  if (action.startsWith("group")) return "Group";
  return "Room";
}

const describe: Record<GroupAction, string> = {
  "group.read": "reading this group",
  "group.members.list": "listing members",
  "group.invite.create": "creating this invite",
  "group.invite.list": "listing invites (owners and instructors can)",
  "group.invite.revoke": "revoking this invite (owners can; instructors revoke member and observer invites)",
  "group.audit.read": "reading the audit log (owners and instructors can)",
  "group.member.changeRole": "changing roles",
  "group.member.remove": "removing this member",
  "group.leave": "leaving",
  "group.settings.update": "changing the group's settings (owners can)",
  "group.sections.manage": "managing discussion sections (owners and instructors can)",
  "document.read": "reading this document",
  "document.create": "uploading documents (owners and instructors can)",
  "document.version.create": "uploading new versions (owners and instructors can)",
  "document.manage": "renaming or removing texts (owners and instructors can)",
  "room.list": "listing this group's rooms",
  "room.create": "attaching documents to this group (owners and instructors can)",
  "room.read": "reading this room",
  "room.readInstructorNotes": "reading instructors' threads",
  "room.importAnnotations": "importing annotations (owners and instructors can)",
  "room.assignment.manage":
    "setting this room's assignment, extensions and participation snapshots (owners and instructors can)",
  "room.analytics": "reading this room's analytics",
  "room.analytics.everyone": "reading everyone's analytics (instructors and owners can; you see your own)",
  "room.notifications": "choosing this room's notifications",
  "room.settings.update": "changing this room's settings (owners and instructors can)",
  "room.readBeforePosting": "reading others' threads before starting one here (owners and instructors can)",
  "room.readAllSections": "reading every section's threads (owners and instructors can)",
  "room.moveVersion": "moving this room to another version of its text (owners and instructors can)",
  "room.lead": "leading a follow-me (owners and instructors can, and members where the group allows it)",
  "thread.create": "starting threads (observers read only)",
  "thread.createForInstructors": "starting instructor-only threads (owners and instructors can)",
  "thread.tag": "changing this thread's tags (its author, instructors and owners can)",
  "thread.announce": "announcing a thread to the room (owners and instructors can)",
  "thread.pin": "pinning threads (owners and instructors can)",
  "thread.reattach": "re-attaching threads to the text (owners and instructors can)",
  "comment.create": "replying (observers read only)",
  "reaction.toggle": "reacting (observers read only)",
  "content.edit": "editing this (only its author can)",
  "content.delete": "deleting this (only its author can; moderators can hide it)",
  "thread.resolve": "resolving this thread (its author, instructors and owners can)",
  "content.hide": "hiding content (instructors and owners can)",
};
