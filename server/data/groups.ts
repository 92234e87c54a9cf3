// Group rows: created with their first owner, listed for the command-line import.
import { prismaOf } from "./clients.ts";
import type { Db, Tx } from "./db.ts";

/** Creates a group with `ownerId` as its owner. */
export function insertGroupWithOwner(tx: Tx, group: { name: string; description: string; ownerId: string }) {
  return prismaOf(tx).group.create({
    data: {
      name: group.name,
      description: group.description,
      memberships: { create: { userId: group.ownerId, role: "owner" } },
    },
  });
}

export async function groupExists(db: Db, groupId: string): Promise<boolean> {
  return (await prismaOf(db).group.findUnique({ where: { id: groupId }, select: { id: true } })) !== null;
}

/** Up to `limit` groups, in no particular order. */
export function listSomeGroups(db: Db, limit: number): Promise<{ id: string; name: string }[]> {
  return prismaOf(db).group.findMany({ select: { id: true, name: true }, take: limit });
}

/** The people-channel switches of a group, or undefined when it does not exist. */
export async function findGroupSettings(
  db: Db,
  groupId: string,
): Promise<{ recordReadingTime: boolean; membersMayLead: boolean } | undefined> {
  const row = await prismaOf(db).group.findUnique({
    where: { id: groupId },
    select: { recordReadingTime: true, membersMayLead: true },
  });
  return row ?? undefined;
}

/** Sets the given name, description and switches of a group and returns the group with its member count. */
export function updateGroupSettings(
  tx: Tx,
  groupId: string,
  settings: {
    name?: string;
    description?: string;
    recordReadingTime?: boolean;
    membersMayLead?: boolean;
    timeZone?: string;
  },
) {
  return prismaOf(tx).group.update({
    where: { id: groupId },
    data: settings,
    include: { _count: { select: { memberships: true } } },
  });
}

/** A group's name and description, or undefined when it does not exist. */
export async function findGroupNaming(db: Db | Tx, groupId: string) {
  const row = await prismaOf(db).group.findUnique({
    where: { id: groupId },
    select: { name: true, description: true },
  });
  return row ?? undefined;
}
