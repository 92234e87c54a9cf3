// Whether a server under abuse in the test's own process is still sound: no error went uncaught (in production it
// would have ended the process; vitest catches it), /healthz answers, and well-behaved readers still get updates.
import type supertest from "supertest";
import { afterAll, beforeAll, expect } from "vitest";
import { waitFor } from "./processes.ts";
import type { RawSyncClient } from "./raw-sync-client.ts";

/** Errors thrown or rejected without a handler since the file's tests started. */
export function watchUncaughtErrors(): unknown[] {
  const errors: unknown[] = [];
  const record = (error: unknown) => void errors.push(error);
  beforeAll(() => {
    process.on("uncaughtExceptionMonitor", record);
    process.on("unhandledRejection", record);
  });
  afterAll(() => {
    process.off("uncaughtExceptionMonitor", record);
    process.off("unhandledRejection", record);
  });
  return errors;
}

/**
 * Asserts that nothing went uncaught, that /healthz answers, and that a thread `author` makes over REST reaches
 * `watcher`'s replica of the room.
 */
export async function expectStillServing(options: {
  url: string;
  uncaught: unknown[];
  roomId: string;
  blockId: string;
  author: { agent: supertest.Agent };
  watcher: RawSyncClient;
}): Promise<void> {
  expect(options.uncaught, "errors that would have ended the server process").toEqual([]);
  expect((await fetch(`${options.url}/healthz`)).status).toBe(200);
  const id = crypto.randomUUID();
  await options.author.agent
    .post(`/api/rooms/${options.roomId}/threads`)
    .set("Idempotency-Key", id)
    .send({ anchor: { blockId: options.blockId }, body: "Still here." })
    .expect(201);
  await waitFor(
    () => options.watcher.doc.getMap("threads").get(id),
    5_000,
    "the watcher to receive a new thread",
  );
}
