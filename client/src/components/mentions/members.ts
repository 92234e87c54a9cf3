// The members of the room's group, as composers (whom to offer after `@`) and bodies (how to name a mention) need them.
import { createContext, useEffect, useMemo, useState } from "react";
import { api, type MemberDto, type Role } from "../../api/http.ts";
import type { MentionCandidate } from "./mention-text.ts";

/** The group's members and who is reading; `nameOf` gives a member's current name (undefined: not a member). */
export interface MemberDirectory {
  members: readonly MemberDto[];
  /** The reader's user id (never offered, and their mentions are highlighted). */
  me: string | null;
  nameOf: (userId: string) => string | undefined;
  /** A member's role now (undefined: not a member, or not loaded yet), for the role badges of their threads. */
  roleOf: (userId: string) => Role | undefined;
}

/** Who sees a thread: everyone in the group, or only its instructors and owners. */
export type Audience = "group" | "instructors";

/** Outside a reader (tests, the library): nobody to offer, every mention written "@someone". */
export const MembersContext = createContext<MemberDirectory>({
  members: [],
  me: null,
  nameOf: () => undefined,
  roleOf: () => undefined,
});

/** A directory of `members` for reader `me`. */
export function memberDirectory(members: readonly MemberDto[], me: string | null): MemberDirectory {
  const names = new Map(members.map((member) => [member.userId.toLowerCase(), member.displayName]));
  const roles = new Map(members.map((member) => [member.userId.toLowerCase(), member.role]));
  return {
    members,
    me,
    nameOf: (userId) => names.get(userId.toLowerCase()),
    roleOf: (userId) => roles.get(userId.toLowerCase()),
  };
}

/**
 * Whom a composer offers for a thread seen by `audience`: the other members, and for instructor-only threads only
 * instructors and owners (the server refuses mentions of anyone who cannot see the thread).
 */
export function mentionCandidates(directory: MemberDirectory, audience: Audience): MentionCandidate[] {
  return directory.members
    .filter((member) => member.userId !== directory.me)
    .filter((member) => audience === "group" || member.role === "owner" || member.role === "instructor")
    .map((member) => ({ userId: member.userId.toLowerCase(), name: member.displayName }));
}

/** The names of the members among `userIds` who cannot see a thread seen by `audience` (mentioning them is refused). */
export function unseeingMembers(
  directory: MemberDirectory,
  audience: Audience,
  userIds: readonly string[],
): string[] {
  if (audience === "group") return [];
  const staff = new Set(mentionCandidates(directory, audience).map((candidate) => candidate.userId));
  const names = userIds
    .filter((userId) => userId !== directory.me && !staff.has(userId))
    .map((userId) => directory.nameOf(userId))
    .filter((name) => name !== undefined);
  return [...new Set(names)];
}

/**
 * The members of group `groupId`, loaded once when the reader opens (empty until they arrive, or if the request fails:
 * mentions then read "@someone" and nobody is offered, the text and discussion still work).
 */
export function useGroupMembers(groupId: string, me: string): MemberDirectory {
  const [members, setMembers] = useState<readonly MemberDto[]>([]);
  useEffect(() => {
    let current = true;
    api.members(groupId).then(
      (answer) => current && setMembers(answer.members),
      () => undefined,
    );
    return () => {
      current = false;
    };
  }, [groupId]);
  return useMemo(() => memberDirectory(members, me), [members, me]);
}
