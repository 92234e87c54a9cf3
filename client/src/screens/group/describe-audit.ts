// An audit event in a sentence a person reads: who did what to whom (membership, invites, moderation, texts, pins,
// discussion sections, rooms' settings, assignments and text versions).
import type { AuditPageDto } from "../../api/http.ts";

type AuditEvent = AuditPageDto["events"][number];

const article = (role: string) => (/^[aeiou]/.test(role) ? "an" : "a");
const text = (value: unknown) => (typeof value === "string" ? value : "");
/** An ISO instant as "2026-11-30 14:00 UTC" (the log names no reader's zone). */
const instant = (value: unknown) => `${text(value).slice(0, 16).replace("T", " ")} UTC`;
/** A local date-time of the group's clocks ("2026-11-30T14:00") as "2026-11-30 14:00". */
const localTime = (value: unknown) => text(value).slice(0, 16).replace("T", " ");

/** What a change of a room's settings did, one clause per setting it holds, naming the room (`room`). */
function roomSettingsClauses(details: Record<string, unknown>, room: string): string[] {
  const clauses: string[] = [];
  if (typeof details.hideUntilPosted === "boolean")
    clauses.push(`turned ${details.hideUntilPosted ? "on" : "off"} hide-until-posted in ${room}`);
  if (typeof details.instructorThreadsVisible === "boolean")
    clauses.push(
      `${details.instructorThreadsVisible ? "showed" : "hid"} instructors' threads to students who have not posted in ${room}`,
    );
  if (details.assignment === null) clauses.push(`removed the assignment from ${room}`);
  else if (typeof details.assignment === "object" && details.assignment !== undefined) {
    const assignment = details.assignment as Record<string, unknown>;
    const due = typeof assignment.dueAt === "string" ? `, due ${localTime(assignment.dueAt)}` : "";
    clauses.push(`set the assignment in ${room}${due}`);
  }
  if (typeof details.archived === "boolean")
    clauses.push(`${details.archived ? "archived" : "reopened"} ${room}`);
  return clauses;
}

/** One sentence for `event`; an action this client does not know is still shown, its name in words. */
export function describeAuditEvent(event: AuditEvent): string {
  const actor = event.actor?.name ?? "Someone no longer here";
  const target = event.target?.name ?? "someone no longer here";
  const details = event.details;
  switch (event.action) {
    case "group.created":
      // The demo group is made by the server itself, with no one as its actor.
      return event.actor ? `${actor} created the group.` : "The group was created.";
    case "group.settings_changed":
      if (typeof details.name === "string" && details.previousName)
        return `${actor} renamed the group from “${text(details.previousName)}” to “${details.name}”.`;
      if (typeof details.name === "string") return `${actor} renamed the group to “${details.name}”.`;
      if (typeof details.description === "string") return `${actor} changed the group's description.`;
      return `${actor} changed the group's settings.`;
    case "member.joined":
      return `${target} joined as ${article(text(details.role))} ${text(details.role)}.`;
    case "member.left":
      return `${target} left the group.`;
    case "member.removed":
      return `${actor} removed ${target} (${text(details.role)}).`;
    case "member.role_changed":
      return `${actor} changed ${target}'s role from ${text(details.from)} to ${text(details.to)}.`;
    case "invite.created":
      return `${actor} made ${article(text(details.role))} ${text(details.role)} invite link.`;
    case "invite.revoked":
      return `${actor} revoked ${article(text(details.role))} ${text(details.role)} invite link.`;
    case "document.created":
      return `${actor} uploaded the text “${event.target?.name ?? text(details.title)}”.`;
    case "document.version_added":
      return `${actor} uploaded version ${String(details.number)} of “${event.target?.name ?? ""}”.`;
    case "room.created":
      return `${actor} added a text to the group.`;
    case "document.renamed":
      return `${actor} renamed a text to “${event.target?.name ?? ""}”.`;
    case "document.removed":
      return `${actor} removed the text “${event.target?.name ?? ""}”.`;
    case "thread.hidden":
      return `${actor} hid a thread${details.reason ? `: “${text(details.reason)}”` : ""}.`;
    case "thread.unhidden":
      return `${actor} unhid a thread.`;
    case "comment.hidden":
      return `${actor} hid a reply${details.reason ? `: “${text(details.reason)}”` : ""}.`;
    case "comment.unhidden":
      return `${actor} unhid a reply.`;
    case "thread.pinned":
      return `${actor} pinned a thread.`;
    case "thread.unpinned":
      return `${actor} unpinned a thread.`;
    case "section.created":
      return `${actor} created the discussion section “${text(details.name)}”.`;
    case "section.renamed":
      return `${actor} renamed the discussion section “${text(details.from)}” to “${text(details.to)}”.`;
    case "section.deleted":
      return `${actor} deleted the discussion section “${text(details.name)}”.`;
    case "section.member_placed":
      return details.section
        ? `${actor} put ${target} in the discussion section “${text(details.section)}”.`
        : `${actor} took ${target} out of their discussion section.`;
    case "section.auto_split":
      return `${actor} split the class into ${Array.isArray(details.sizes) ? details.sizes.length : "new"} discussion sections.`;
    case "room.settings_changed": {
      const room = event.target?.name ? `“${event.target.name}”` : "a room";
      const clauses = roomSettingsClauses(details, room);
      return `${actor} ${clauses.length > 0 ? clauses.join(" and ") : `changed the settings of ${room}`}.`;
    }
    case "room.version_moved": {
      const room = event.target?.name ? `“${event.target.name}”` : "a room";
      const threads = (details.threads ?? {}) as Record<string, unknown>;
      const count = (key: string) => (typeof threads[key] === "number" ? threads[key] : 0);
      return (
        `${actor} moved ${room} to version ${String(details.toVersion)} of its text: ${count("unchanged")} ` +
        `${count("unchanged") === 1 ? "thread" : "threads"} kept their passage, ${count("moved")} moved, ` +
        `${count("detached")} no longer in the text.`
      );
    }
    case "thread.reattached":
      return `${actor} attached a thread to a new passage of version ${String(details.version)}.`;
    case "assignment.extension_granted":
      return `${actor} gave ${target} until ${instant(details.dueAt)} for an assignment.`;
    case "assignment.extension_revoked":
      return `${actor} took back ${target}'s extension of an assignment.`;
    case "assignment.snapshot_taken":
      return `${actor} took a snapshot of an assignment's participation.`;
    default:
      return `${actor}: ${event.action.replace(/[._]/g, " ")}.`;
  }
}
