// Discussion sections of a group and who is in which: rows, and the section rule as SQL for set-based reads.
import type { Role } from "../../shared/schemas/groups.ts";
import { prismaOf } from "./clients.ts";
import type { Db, Tx } from "./db.ts";

/** Every member of the group with their role and section, in join order (oldest first). */
export async function listSectionPlaces(
  db: Db | Tx,
  groupId: string,
): Promise<{ userId: string; role: Role; sectionId: string | null }[]> {
  return prismaOf(db).membership.findMany({
    where: { groupId },
    orderBy: [{ createdAt: "asc" }, { userId: "asc" }],
    select: { userId: true, role: true, sectionId: true },
  });
}

/** The group's sections, oldest first. */
export function listSections(db: Db | Tx, groupId: string) {
  return prismaOf(db).section.findMany({
    where: { groupId },
    orderBy: [{ createdAt: "asc" }, { name: "asc" }],
    select: { id: true, name: true, createdAt: true },
  });
}

/** The section `sectionId` of `groupId`, or undefined (a section of another group is not found either). */
export function findSection(db: Db | Tx, groupId: string, sectionId: string) {
  return prismaOf(db).section.findFirst({
    where: { id: sectionId, groupId },
    select: { id: true, name: true, createdAt: true },
  });
}

/** Whether the group has a section named `name` other than `exceptId`. */
export async function sectionNameTaken(
  tx: Tx,
  groupId: string,
  name: string,
  exceptId?: string,
): Promise<boolean> {
  const found = await prismaOf(tx).section.findFirst({
    where: { groupId, name, ...(exceptId ? { id: { not: exceptId } } : {}) },
    select: { id: true },
  });
  return found !== null;
}

export function insertSection(tx: Tx, groupId: string, name: string) {
  return prismaOf(tx).section.create({
    data: { groupId, name },
    select: { id: true, name: true, createdAt: true },
  });
}

export function renameSection(tx: Tx, sectionId: string, name: string) {
  return prismaOf(tx).section.update({
    where: { id: sectionId },
    data: { name },
    select: { id: true, name: true, createdAt: true },
  });
}

/** Deletes the section; its members are left in none (the foreign key sets them null). */
export async function deleteSection(tx: Tx, sectionId: string): Promise<void> {
  await prismaOf(tx).section.delete({ where: { id: sectionId } });
}

/** Deletes every section of the group (their members left in none). */
export async function deleteSectionsOf(tx: Tx, groupId: string): Promise<void> {
  await prismaOf(tx).section.deleteMany({ where: { groupId } });
}

/** Puts the members `userIds` of the group in `sectionId` (null: none). */
export async function placeMembers(
  tx: Tx,
  groupId: string,
  userIds: string[],
  sectionId: string | null,
): Promise<void> {
  await prismaOf(tx).membership.updateMany({
    where: { groupId, userId: { in: userIds } },
    data: { sectionId },
  });
}

/**
 * domain/sections.ts sectionAuthors() as a boolean SQL condition over aliases `r` (the Room), `m` (the reader's
 * Membership), `t` (the Thread) and `c` (a Comment, or nulls for the thread itself); `teacherRoles` is the
 * placeholder of a text[] parameter holding the roles allowed room.readAllSections (the same as teacherRoles() of
 * hide-until-posted, which unit tests hold equal). True when the reader reads every section, the group has no
 * sectioned learner, or the thread and the reply are by the reader, a teacher, or a learner of the reader's section
 * ("no section" counting as one).
 */
export const seenInSection = (teacherRoles: string): string => {
  const visible = (author: string) =>
    `(${author} = m."userId"
      OR EXISTS (SELECT 1 FROM "Membership" am
                  WHERE am."groupId" = r."groupId" AND am."userId" = ${author}
                    AND (am.role::text = ANY(${teacherRoles}::text[])
                         OR am."sectionId" IS NOT DISTINCT FROM m."sectionId")))`;
  return `
  (m.role::text = ANY(${teacherRoles}::text[])
   OR NOT EXISTS (SELECT 1 FROM "Membership" sm
                   WHERE sm."groupId" = r."groupId" AND sm."sectionId" IS NOT NULL
                     AND NOT sm.role::text = ANY(${teacherRoles}::text[]))
   OR (${visible(`t."authorId"`)} AND (c.id IS NULL OR ${visible(`c."authorId"`)})))`;
};
