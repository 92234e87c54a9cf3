// The server process started with SMTP_URL sends due notification e-mails on its own, never logs the SMTP password,
// and stops its sender at shutdown. It runs on a database of its own, so its real-time sender sees no other test's rows.
import { randomUUID } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import supertest from "supertest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createScratchDatabase, dropDatabase } from "../helpers/postgres.ts";
import { spawnScript, waitFor } from "../helpers/processes.ts";
import { roomText } from "../helpers/room-fixture.ts";
import { startSmtpServer, type TestSmtpServer } from "../helpers/smtp-server.ts";
import { buildUser } from "../helpers/test-app.ts";

let database: { name: string; url: string };
let dataDir: string;
let smtp: TestSmtpServer;

beforeAll(async () => {
  database = await createScratchDatabase("scholia_email");
  dataDir = await mkdtemp(path.join(tmpdir(), "scholia-email-"));
  smtp = await startSmtpServer();
});

afterAll(async () => {
  await smtp.close();
  await dropDatabase(database.name);
  await rm(dataDir, { recursive: true, force: true });
});

describe("a server with SMTP_URL", () => {
  it("mails a due notification by itself and stops cleanly", async () => {
    const run = spawnScript("server/index.ts", {
      PORT: "0",
      DATA_DIR: dataDir,
      DATABASE_URL: database.url,
      DEMO: "off",
      SMTP_URL: smtp.url,
      EMAIL_FROM: "Readers <readers@example.org>",
    });
    try {
      const url = await waitFor(
        () => /Scholia is listening on (http:\/\/[\d.:]+)/.exec(run.output())?.[1],
        60_000,
        `the server to listen (output so far: ${run.output().slice(-500)})`,
      );
      const agent = supertest.agent(url);
      const person = buildUser({ displayName: "Ann Reader" });
      const userId = (await agent.post("/api/auth/register").send(person).expect(201)).body.user.id as string;
      const groupId = (await agent.post("/api/groups").send({ name: "Readers" }).expect(201)).body.group.id;
      const documentId = (
        await agent
          .post(`/api/documents?groupId=${groupId}`)
          .set("Content-Type", "text/plain")
          .send(roomText)
          .expect(201)
      ).body.document.id;
      const roomId = (await agent.post(`/api/groups/${groupId}/rooms`).send({ documentId }).expect(201)).body
        .room.id;
      const blockId = (
        await agent.get(`/api/documents/${documentId}/versions/1`).expect(200)
      ).body.version.blocks.find((block: { kind: string }) => block.kind === "paragraph").anchorId;
      const threadId = (
        await agent
          .post(`/api/rooms/${roomId}/threads`)
          .set("Idempotency-Key", randomUUID())
          .send({ anchor: { blockId }, body: "A question." })
          .expect(201)
      ).body.thread.id;

      // What the notification service writes for an "immediate" reader.
      const client = new pg.Client({ connectionString: database.url });
      await client.connect();
      try {
        await client.query(
          `INSERT INTO "NotificationPreference" ("userId", email, "updatedAt") VALUES ($1, 'immediate', now())`,
          [userId],
        );
        await client.query(
          `INSERT INTO "Notification" (id, "userId", kind, "eventKey", "roomId", "threadId", excerpt, "createdAt", "emailDueAt")
           VALUES ($1, $2, 'announcement', 'process-test', $3, $4, 'Read chapter two.', now() AT TIME ZONE 'UTC', now() AT TIME ZONE 'UTC')`,
          [randomUUID(), userId, roomId, threadId],
        );
      } finally {
        await client.end();
      }

      // The sender ticks every 15 s.
      await waitFor(() => (smtp.received.length > 0 ? true : undefined), 30_000, "the e-mail");
      expect(smtp.received).toHaveLength(1);
      expect(smtp.received[0]!.to).toEqual([person.email]);
      expect(smtp.received[0]!.mail.subject).toMatch(/^Someone posted an announcement in “/);
      expect(smtp.received[0]!.mail.from?.value).toEqual([
        { name: "Readers", address: "readers@example.org" },
      ]);
    } finally {
      run.child.kill("SIGTERM");
    }
    const finished = await run.finished;
    expect(finished.code).toBe(0);
    expect(run.output()).toContain("Notification e-mails go out through smtp://mailer:[redacted]@127.0.0.1:");
    expect(run.output()).not.toContain("test-smtp-password");
  }, 120_000);
});
