// Group rows: created with their first owner, listed for the command-line import.
import { prismaOf } from "./clients.ts";
import type { Db, Tx } from "./db.ts";

/** Creates a group with `ownerId` as its owner. */
export function insertGroupWithOwner(
  tx: Tx,
  group: { name: string; description: string; ownerId: string },
) {
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
