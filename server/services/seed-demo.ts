// On the first start of an empty database: a demo account, a demo group reading the essay, created exactly once.
import { randomBytes } from "node:crypto";
import { readFile } from "node:fs/promises";
import { insertAuditEvent } from "../data/audit.ts";
import { inSqlTransaction, type Db } from "../data/db.ts";
import { countUsers, insertDemoAccount, insertDemoRoom, lockSeed } from "../data/demo-seed.ts";
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

/**
 * What the demo group says of itself, in the library and on its invitations: where its owners invite people (the
 * group's card in the library; members cannot).
 */
export const demoGroupDescription =
  "A group to try Scholia in. Its owners and instructors invite others from its card in the library: New member invite link, or Invites for other roles and terms.";

export async function seedDemo(db: Db, importer: TextImporter): Promise<DemoAccount | undefined> {
  if ((await countUsers(db)) > 0) return undefined;
  const source = await readFile(demoText, "utf8");
  const imported = await importer.run({ source, format: "text", title: undefined, author: undefined });
  const password = randomBytes(9).toString("base64url");
  const passwordHash = await hashPassword(password);
  return inSqlTransaction(db, async (tx) => {
    await lockSeed(tx, seedLockKey);
    if ((await countUsers(tx)) > 0) return undefined;
    const { userId, groupId } = await insertDemoAccount(tx, {
      email: demoEmail,
      displayName: "Demo Reader",
      passwordHash,
      groupName: "Demo reading group",
      groupDescription: demoGroupDescription,
    });
    const { document, version } = await storeNewDocument(tx, {
      groupId,
      title: imported.document.title,
      author: imported.document.author,
      source,
      imported,
      createdById: userId,
    });
    const roomId = await insertDemoRoom(tx, {
      groupId,
      documentId: document.id,
      versionId: version.id,
      createdById: userId,
    });
    await insertAuditEvent(tx, {
      groupId,
      actorId: userId,
      action: "group.created",
      targetId: userId,
      details: { demo: true },
    });
    return { email: demoEmail, password, groupId, roomId };
  });
}
