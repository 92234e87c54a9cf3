// Which mentions a new or edited body adds, refused when they name someone who could not read the thread.
import { maxMentionsPerBody, mentionedUserIds } from "../../../shared/mentions.ts";
import type { Role } from "../../../shared/schemas/groups.ts";
import { AppError } from "../app-error.ts";
import { can } from "../policies.ts";

/** A group member a body may mention. */
export interface Mentionable {
  displayName: string;
  role: Role;
}

/**
 * The people `body` mentions that `previous` (the body before an edit, "" for new words) did not, in order of
 * first mention. Throws a 400 on field "body" naming the first person who is not a member of the group (`members`,
 * by user id) or who cannot read a thread of `visibility`, and when the body mentions more than
 * maxMentionsPerBody people. Mentions kept from `previous` are not checked again: a member who left since must not
 * block an edit.
 */
export function addedMentions(
  body: string,
  previous: string,
  members: ReadonlyMap<string, Mentionable>,
  visibility: "group" | "instructors",
): string[] {
  const mentioned = mentionedUserIds(body);
  if (mentioned.length > maxMentionsPerBody) {
    throw refused(
      `This mentions ${mentioned.length} people; mention at most ${maxMentionsPerBody} in one thread or reply.`,
      `mentions more than ${maxMentionsPerBody} people`,
    );
  }
  const before = new Set(mentionedUserIds(previous));
  const added = mentioned.filter((userId) => !before.has(userId));
  for (const userId of added) {
    const member = members.get(userId);
    if (!member) {
      throw refused(
        `The mention <@${userId}> names someone who is not a member of this group; remove the mention.`,
        "mentions someone who is not a member of this group",
      );
    }
    if (visibility === "instructors" && !can({ userId, role: member.role }, "room.readInstructorNotes")) {
      throw refused(
        `${member.displayName} cannot see this instructor-only thread; remove the mention.`,
        `mentions ${member.displayName}, who cannot see this instructor-only thread`,
      );
    }
  }
  return added;
}

const refused = (message: string, detail: string) =>
  new AppError("validation_failed", message, [{ field: "body", message: detail }]);
