// Discussion sections: whose threads a member or observer reads when the class is split, and how to split it.
import type { Role } from "../../shared/schemas/groups.ts";
import { can, type Actor } from "./policies.ts";

/** Whether a role is placed in sections: those who do not read every section (members and observers). */
export function isSectioned(role: Role): boolean {
  return !can({ userId: "", role }, "room.readAllSections");
}

/** A member's place in the group's sections (null: in none). */
export interface SectionPlace {
  userId: string;
  sectionId: string | null;
}

/**
 * The people whose words `actor` reads in the group's rooms under its sections, or undefined when sections narrow
 * nothing for them. Teachers (room.readAllSections) read everyone. A member or observer reads themselves, the
 * teachers (`teacherIds`), and the learners of their own section — where "no section" counts as a section of its
 * own: a member not yet placed reads the others not yet placed, not every section at once (which would let anyone
 * removed from a section read all of them), and a group with no sections at all is one open room, as before.
 * People who have left the group are in no list: their threads show only to those who read everyone.
 * `learners` are the group's members and observers with their section.
 */
export function sectionAuthors(
  actor: Actor,
  readerSectionId: string | null,
  learners: readonly SectionPlace[],
  teacherIds: readonly string[],
): string[] | undefined {
  if (can(actor, "room.readAllSections")) return undefined;
  if (learners.every((learner) => learner.sectionId === null)) return undefined;
  const mates = learners
    .filter((learner) => learner.sectionId === readerSectionId)
    .map((learner) => learner.userId);
  return [...new Set([actor.userId, ...teacherIds, ...mates])];
}

/**
 * Splits `memberIds` (in join order) into `count` sections whose sizes differ by at most one, each a run of
 * consecutive joiners: the same class and count always give the same sections, and earlier sections take the extra
 * members. `count` must be a positive integer; sections beyond the members stay empty.
 */
export function splitIntoSections(memberIds: readonly string[], count: number): string[][] {
  if (!Number.isInteger(count) || count < 1) throw new RangeError("count must be a positive integer");
  const base = Math.floor(memberIds.length / count);
  const extra = memberIds.length % count;
  const sections: string[][] = [];
  let start = 0;
  for (let i = 0; i < count; i += 1) {
    const size = base + (i < extra ? 1 : 0);
    sections.push(memberIds.slice(start, start + size));
    start += size;
  }
  return sections;
}

/** How many sections of at most `perSection` members hold `memberCount` members (at least one). */
export function sectionCountFor(memberCount: number, perSection: number): number {
  return Math.max(1, Math.ceil(memberCount / perSection));
}
