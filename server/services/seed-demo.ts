// On the first start of an empty database: a demo account and a demo group, created exactly once.
import { randomBytes } from "node:crypto";
import { recordAudit } from "../data/audit.ts";
import type { Prisma } from "../data/database.ts";
import { hashPassword } from "./auth/passwords.ts";

export const demoEmail = "demo@scholia.local";

/** Created demo credentials, or undefined when the database already had users. */
export interface DemoAccount {
  email: string;
  password: string;
  groupId: string;
}

/** Arbitrary advisory-lock key so that two servers starting together seed once. */
const seedLockKey = 0x5eed;

export async function seedDemo(prisma: Prisma): Promise<DemoAccount | undefined> {
  const password = randomBytes(9).toString("base64url");
  const passwordHash = await hashPassword(password);
  return prisma.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(${seedLockKey})`;
    if ((await tx.user.count()) > 0) return undefined;
    const user = await tx.user.create({
      data: { email: demoEmail, displayName: "Demo Reader", passwordHash },
    });
    const group = await tx.group.create({
      data: {
        name: "Demo reading group",
        description: "A group to try Scholia in. Invite others from the group page.",
        isDemo: true,
        memberships: { create: { userId: user.id, role: "owner" } },
      },
    });
    await recordAudit(tx, {
      groupId: group.id,
      actorId: null,
      action: "group.created",
      details: { demo: true },
    });
    return { email: demoEmail, password, groupId: group.id };
  });
}
