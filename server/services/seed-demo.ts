// On the first start of an empty database: a demo account, a demo group reading the essay, created exactly once.
import { randomBytes } from "node:crypto";
import { readFile } from "node:fs/promises";
import { recordAudit } from "../data/audit.ts";
import type { Prisma } from "../data/database.ts";
import { hashPassword } from "./auth/passwords.ts";
import { storeNewDocument } from "./documents/store-import.ts";
import type { TextImporter } from "./documents/import-runner.ts";

export const demoEmail = "demo@scholia.local";
const demoText = new URL("../demo/communization-in-the-present-tense.txt", import.meta.url);

/** Created demo credentials, or undefined when the database already had users. */
export interface DemoAccount {
  email: string;
  password: string;
  groupId: string;
  roomId: string;
}

/** Arbitrary advisory-lock key so that two servers starting together seed once. */
const seedLockKey = 0x5eed;

export async function seedDemo(prisma: Prisma, importer: TextImporter): Promise<DemoAccount | undefined> {
  if ((await prisma.user.count()) > 0) return undefined;
  const source = await readFile(demoText, "utf8");
  const imported = await importer.run({ source, format: "text", title: undefined, author: undefined });
  const password = randomBytes(9).toString("base64url");
  const passwordHash = await hashPassword(password);
  return prisma.$transaction(
    async (tx) => {
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
      const { document, version } = await storeNewDocument(tx, {
        groupId: group.id,
        title: imported.document.title,
        author: imported.document.author,
        source,
        imported,
        createdById: user.id,
      });
      const room = await tx.room.create({
        data: { groupId: group.id, documentId: document.id, versionId: version.id, createdById: user.id },
      });
      await recordAudit(tx, {
        groupId: group.id,
        actorId: null,
        action: "group.created",
        details: { demo: true },
      });
      return { email: demoEmail, password, groupId: group.id, roomId: room.id };
    },
    { timeout: 30_000 },
  );
}
