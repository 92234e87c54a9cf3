// The mutation runner when the database errs mid-batch: nothing uncommitted reaches readers or later mutations, and
// a commit whose answer was lost is still published.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as Y from "yjs";
import type { RoomDoc } from "../../shared/room-doc.ts";
import { loadRoomState } from "../../server/data/room-updates.ts";
import { AppError } from "../../server/domain/app-error.ts";
import { findMutations } from "../../server/data/mutations.ts";
import { runMutation, type MutationOutcome } from "../../server/services/threads/run-mutation.ts";
import { faultySql } from "../helpers/faulty-sql.ts";
import { waitFor } from "../helpers/processes.ts";
import { buildRoom } from "../helpers/room-fixture.ts";
import { countRoomOpens } from "../helpers/room-opens.ts";
import { buildTestApp, testDatabase, testDbWithSql } from "../helpers/test-app.ts";

const faults = faultySql(testDatabase().sql);
const testApp = buildTestApp({ ctx: { db: testDbWithSql(faults.sql) } });
const { ctx } = testApp;
let room: Awaited<ReturnType<typeof buildRoom>>;

beforeAll(async () => {
  room = await buildRoom(testApp.app);
});
afterAll(async () => {
  await ctx.rooms.close();
});

/**
 * A mutation that sets `name` to `value` (by default `name`) in a probe map of the room document and appends `name`
 * to a probe list (which keeps the order of commits); with `unwritable`, the database refuses its rows.
 */
function write(
  name: string,
  {
    key = crypto.randomUUID(),
    value = name,
    unwritable = false,
  }: { key?: string; value?: string; unwritable?: boolean } = {},
) {
  return runMutation(
    ctx,
    { roomId: room.roomId, scope: "group", userId: room.member.id, key, fingerprint: name, status: 201 },
    (doc: RoomDoc) => {
      doc.doc.getMap("probe").set(name, value);
      doc.doc.getArray<string>("order").push([name]);
      return {
        response: { name },
        persist: async () => {
          if (unwritable) throw new Error(`The rows of ${name} are refused (by the test).`);
        },
      };
    },
  );
}

/** What a later mutation sees of the probe entry `name`: the value a change would build on. */
async function seenByNextMutation(name: string) {
  const outcome = await runMutation(
    ctx,
    {
      roomId: room.roomId,
      scope: "group",
      userId: room.member.id,
      key: crypto.randomUUID(),
      fingerprint: "peek",
      status: 200,
    },
    (doc: RoomDoc) => ({
      response: { value: doc.doc.getMap("probe").get(name) ?? null },
      persist: async () => undefined,
    }),
  );
  return outcome.body.value;
}

/**
 * A mutation under `key` whose every run writes a probe entry of its own ("<label> 1", "<label> 2", …), so that
 * the document tells which attempt was published; with `refuseAfter`, runs after that many are refused.
 */
function attempt(key: string, label: string, runs: { count: number }, refuseAfter = Infinity) {
  return runMutation(
    ctx,
    { roomId: room.roomId, scope: "group", userId: room.member.id, key, fingerprint: label, status: 201 },
    (doc: RoomDoc) => {
      runs.count += 1;
      if (runs.count > refuseAfter) throw new AppError("validation_failed", "Refused on this run.");
      doc.doc.getMap("probe").set(`${label} ${runs.count}`, "written");
      return { response: { label }, persist: async () => undefined };
    },
  );
}

function refuse(runs = { count: 0 }) {
  return runMutation(
    ctx,
    {
      roomId: room.roomId,
      scope: "group",
      userId: room.member.id,
      key: crypto.randomUUID(),
      fingerprint: "refuse",
      status: 201,
    },
    () => {
      runs.count += 1;
      throw new AppError("validation_failed", "Refused on purpose.");
    },
  );
}

/** Runs `start` while the room's lock is held, so that everything it queues is committed as one batch. */
async function asOneBatch<T>(start: () => Promise<T>[]): Promise<PromiseSettledResult<T>[]> {
  const document = await ctx.rooms.open(room.roomId, "group");
  // A drain still finishing the previous test's last batch would take the new jobs as they are queued.
  await document.lock.run(async () => undefined);
  let release!: () => void;
  void document.lock.run(() => new Promise<void>((resolve) => (release = resolve)));
  const opens = countRoomOpens(ctx.rooms);
  const pending = start();
  try {
    await waitFor(
      () => (opens.count() >= pending.length ? true : undefined),
      5_000,
      "each mutation to queue on the room",
    );
  } finally {
    opens.restore();
  }
  release();
  return Promise.allSettled(pending);
}

/** The probe map as the database holds it (snapshot plus log), which is what a restart would load. */
async function storedProbe() {
  const { snapshot, updates } = await loadRoomState(ctx.db, room.roomId, "group");
  const doc = new Y.Doc();
  Y.applyUpdate(doc, Y.mergeUpdates([...(snapshot ? [snapshot] : []), ...updates.map((row) => row.update)]));
  return doc.getMap("probe").toJSON();
}

/** The probe list as committed: the names written, in the order their mutations were committed. */
const committedOrder = async () =>
  (await ctx.rooms.open(room.roomId, "group")).committed.getArray<string>("order").toArray();

/** How many updates the room's log holds (one per committed transaction). */
const roomLogLength = () => testApp.prisma.roomUpdate.count({ where: { roomId: room.roomId } });

const committedProbe = async () =>
  (await ctx.rooms.open(room.roomId, "group")).committed.getMap("probe").toJSON() as Record<string, string>;

describe("mutations committed together", () => {
  it("repeats of one key in a batch are committed once, and each is answered with the first's result", async () => {
    const key = crypto.randomUUID();
    const logBefore = await roomLogLength();
    const [first, again, other] = await asOneBatch(() => [
      write("twice", { key }),
      write("twice", { key }),
      write("bystander"),
    ]);
    expect(first).toMatchObject({ status: "fulfilled", value: { replayed: false, body: { name: "twice" } } });
    expect(again).toMatchObject({ status: "fulfilled", value: { replayed: true, body: { name: "twice" } } });
    expect(other).toMatchObject({ status: "fulfilled", value: { replayed: false } });
    expect(await testApp.prisma.mutation.count({ where: { roomId: room.roomId, key } })).toBe(1);
    expect((await roomLogLength()) - logBefore).toBe(1); // the batch still shares one transaction
  });

  it("a refusal in a batch is answered with its reason, and the mutations around it commit", async () => {
    const runs = { count: 0 };
    const logBefore = await roomLogLength();
    const [before, refused, after] = await asOneBatch(() => [write("left"), refuse(runs), write("right")]);
    expect(refused).toMatchObject({ status: "rejected", reason: { code: "validation_failed" } });
    expect(runs.count).toBe(1); // a refusal is final: it is not run again after the mutations behind it
    expect(before!.status).toBe("fulfilled");
    expect(after!.status).toBe("fulfilled");
    expect(await storedProbe()).toMatchObject({ left: "left", right: "right" });
    expect((await roomLogLength()) - logBefore).toBe(1); // the refusal did not split the batch
  });

  it("a retry in a batch costs the others one more attempt, not their shared transaction", async () => {
    const key = crypto.randomUUID();
    await write("retried in a batch", { key });
    const logBefore = await roomLogLength();
    const [retry, beside, alsoBeside] = await asOneBatch(() => [
      write("retried in a batch", { key }),
      write("beside it"),
      write("also beside it"),
    ]);
    expect(retry).toMatchObject({ status: "fulfilled", value: { replayed: true } });
    expect(beside).toMatchObject({ status: "fulfilled", value: { replayed: false } });
    expect(alsoBeside).toMatchObject({ status: "fulfilled", value: { replayed: false } });
    expect((await roomLogLength()) - logBefore).toBe(1);
  });

  it("a new mutation pays no idempotency lookup: only a retry looks its key up", async () => {
    faults.failNext(/FROM "Mutation"/); // a lookup now would fail the mutation
    await write("looked nothing up");
    expect(faults.pending()).toBe(1);
    // Spend the armed fault, so that it hits nothing else.
    await expect(findMutations(ctx.db, room.roomId, [crypto.randomUUID()])).rejects.toThrow(/injected/);
  });

  it("mutations queued together share one transaction, at most 64 to a transaction, committed in their order", async () => {
    const document = await ctx.rooms.open(room.roomId, "group");
    const logBefore = await roomLogLength();
    const countedBefore = document.updatesSinceCompaction;
    const names = Array.from({ length: 65 }, (_, i) => `queued ${i}`);
    const outcomes = await asOneBatch(() => names.map((name) => write(name)));
    expect(outcomes.map((outcome) => outcome.status)).toEqual(names.map(() => "fulfilled"));
    expect((await roomLogLength()) - logBefore).toBe(2);
    // Every update appended to the log counts toward the room's next compaction.
    expect(document.updatesSinceCompaction - countedBefore).toBe(2);
    expect((await committedOrder()).slice(-65)).toEqual(names);
  });

  it("a batch whose every mutation is refused writes nothing", async () => {
    const logBefore = await roomLogLength();
    const outcomes = await asOneBatch(() => [refuse(), refuse()]);
    expect(outcomes.map((outcome) => outcome.status)).toEqual(["rejected", "rejected"]);
    expect(await roomLogLength()).toBe(logBefore);
  });

  it("a mutation whose rows cannot be written fails alone: the others of its batch commit, in their order", async () => {
    const [first, failed, last] = await asOneBatch(() => [
      write("first of three"),
      write("unwritable", { unwritable: true }),
      write("last of three"),
    ]);
    expect(failed).toMatchObject({
      status: "rejected",
      reason: { message: /rows of unwritable are refused/ },
    });
    expect(first).toMatchObject({ status: "fulfilled", value: { body: { name: "first of three" } } });
    expect(last).toMatchObject({ status: "fulfilled", value: { body: { name: "last of three" } } });
    expect((await committedOrder()).slice(-2)).toEqual(["first of three", "last of three"]);
    expect(await storedProbe()).toMatchObject({
      "first of three": "first of three",
      "last of three": "last of three",
    });
    expect((await storedProbe())["unwritable"]).toBeUndefined();
    expect((await committedProbe())["unwritable"]).toBeUndefined();
    // Nor does a later mutation build on it.
    expect(await seenByNextMutation("unwritable")).toBeNull();
  });

  it("a mutation that keeps failing fails alone: one queued behind it meanwhile still commits", async () => {
    let release!: () => void;
    // Its first, unchecked attempt failed; hold its second, checked one at its lookup.
    const held = faults.holdNext(/FROM "Mutation"/, new Promise<void>((resolve) => (release = resolve)));
    const failing = write("keeps failing", { unwritable: true });
    await held;
    const opens = countRoomOpens(ctx.rooms);
    const behind = write("queued behind it");
    try {
      await waitFor(() => (opens.count() >= 1 ? true : undefined), 5_000, "the mutation behind it to queue");
    } finally {
      opens.restore();
    }
    release();
    await expect(failing).rejects.toThrow(/rows of keeps failing are refused/);
    await expect(behind).resolves.toMatchObject({ replayed: false, body: { name: "queued behind it" } });
    expect((await committedProbe())["queued behind it"]).toBe("queued behind it");
  });

  it("a mutation whose rows cannot be written, alone in its batch, fails with the database's reason", async () => {
    await expect(write("alone and unwritable", { unwritable: true })).rejects.toThrow(
      /rows of alone and unwritable are refused/,
    );
    expect(await seenByNextMutation("alone and unwritable")).toBeNull();
  });

  it("a mutation that changes the document before refusing is refused, and none of its change is published", async () => {
    const runs = { count: 0 };
    const halfDone = () =>
      runMutation(
        ctx,
        {
          roomId: room.roomId,
          scope: "group",
          userId: room.member.id,
          key: crypto.randomUUID(),
          fingerprint: "half done",
          status: 201,
        },
        (doc: RoomDoc) => {
          runs.count += 1;
          doc.doc.getMap("probe").set("half done", "half done");
          throw new AppError("validation_failed", "Refused after changing the document.");
        },
      );
    const [before, refused, after] = await asOneBatch(() => [
      write("ahead"),
      halfDone() as Promise<MutationOutcome<unknown>>,
      write("behind"),
    ]);
    expect(refused).toMatchObject({ status: "rejected", reason: { code: "validation_failed" } });
    expect(runs.count).toBe(1); // the others are committed again without it
    expect(before!.status).toBe("fulfilled");
    expect(after!.status).toBe("fulfilled");
    expect(await committedProbe()).toMatchObject({ ahead: "ahead", behind: "behind" });
    expect((await committedOrder()).slice(-2)).toEqual(["ahead", "behind"]);
    expect(await seenByNextMutation("half done")).toBeNull();
    expect((await committedProbe())["half done"]).toBeUndefined();
    expect((await storedProbe())["half done"]).toBeUndefined();
  });

  it("a key stands for its first request: another request or another person under it is refused, nothing changes", async () => {
    const key = crypto.randomUUID();
    await write("original", { key });
    await expect(write("impostor", { key })).rejects.toMatchObject({ code: "idempotency_key_reused" });
    const otherPerson = runMutation(
      ctx,
      {
        roomId: room.roomId,
        scope: "group",
        userId: room.other.id,
        key,
        fingerprint: "original",
        status: 201,
      },
      () => ({ response: {}, persist: async () => undefined }),
    );
    await expect(otherPerson).rejects.toMatchObject({ code: "idempotency_key_reused" });
    expect((await committedProbe())["impostor"]).toBeUndefined();
  });

  it("a retry refused because its first run already happened is answered with the first run's result", async () => {
    const key = crypto.randomUUID();
    const runs = { count: 0 };
    expect(await attempt(key, "once", runs, 1)).toMatchObject({ replayed: false });
    expect(await attempt(key, "once", runs, 1)).toMatchObject({ replayed: true, body: { label: "once" } });
    expect(runs.count).toBe(2);
  });
});

describe("mutations when the database fails", () => {
  it("a batch that fails before committing leaves nothing behind for the next mutation to build on", async () => {
    // The refusal's idempotency lookup fails after the first mutation was already applied to staging.
    faults.failNext(/FROM "Mutation"/);
    const [first, refused] = await asOneBatch(() => [write("never committed"), refuse()]);
    expect(faults.pending()).toBe(0);
    expect(first!.status).toBe("rejected");
    expect(refused!.status).toBe("rejected");
    await write("committed after");
    const probe = await committedProbe();
    expect(probe["committed after"]).toBe("committed after");
    expect(probe["never committed"]).toBeUndefined();
    expect(await seenByNextMutation("never committed")).toBeNull();
  });

  it("a COMMIT whose answer is lost is answered and published once, and later mutations build on it", async () => {
    faults.failNext(/^COMMIT$/, "after");
    const key = crypto.randomUUID();
    const outcome = await write("landed", { key });
    expect(faults.pending()).toBe(0);
    expect(outcome.body).toEqual({ name: "landed" });
    await write("next");
    const probe = await committedProbe();
    expect(probe).toMatchObject({ landed: "landed", next: "next" });
    const stored = await testApp.prisma.mutation.count({ where: { roomId: room.roomId, key } });
    expect(stored).toBe(1);
  });

  it("a lost COMMIT answer whose check also fails is published from the log, and the retry answered from its record", async () => {
    faults.failNext(/^COMMIT$/, "after");
    faults.failNext(/FROM "Mutation"/);
    const key = crypto.randomUUID();
    await expect(write("retried", { key })).rejects.toThrow(/injected/);
    expect(faults.pending()).toBe(0);
    // The check ran under the room's write lock, after the copy took what the log held: the lost commit among it.
    expect((await committedProbe())["retried"]).toBe("retried");
    const retry = await write("retried", { key });
    expect(retry).toMatchObject({ replayed: true, body: { name: "retried" } });
  });

  it("a commit whose outcome was uncertain is looked up before it is published: one that did not land never reaches readers", async () => {
    // The COMMIT never reaches the database, so the transaction rolls back, but the runner cannot know that.
    faults.failNext(/^COMMIT$/, "before");
    const runs = { count: 0 };
    // Refused when run again after the lookup, so only the uncertain first run could ever show up.
    await expect(attempt(crypto.randomUUID(), "unlanded", runs, 1)).rejects.toMatchObject({
      code: "validation_failed",
    });
    expect(faults.pending()).toBe(0);
    expect(runs.count).toBe(2);
    expect((await committedProbe())["unlanded 1"]).toBeUndefined();
    expect((await storedProbe())["unlanded 1"]).toBeUndefined();
  });

  it("an uncertain attempt that a later retry replaced is never published, even when the key is looked up again", async () => {
    faults.failNext(/^COMMIT$/, "before");
    faults.failNext(/FROM "Mutation"/);
    const key = crypto.randomUUID();
    const runs = { count: 0 };
    await expect(attempt(key, "replaced", runs)).rejects.toThrow(/injected/); // run 1: outcome unknown, unchecked
    expect(faults.pending()).toBe(0);
    expect(await attempt(key, "replaced", runs)).toMatchObject({ replayed: false }); // run 2 commits
    expect(await attempt(key, "replaced", runs)).toMatchObject({ replayed: true }); // run 3 finds run 2's record
    const published = await committedProbe();
    expect(Object.keys(published).filter((name) => name.startsWith("replaced"))).toEqual(["replaced 2"]);
    expect(Object.keys(await storedProbe()).filter((name) => name.startsWith("replaced"))).toEqual([
      "replaced 2",
    ]);
  });

  it("an ordinary retry of a committed key publishes nothing its first run did not", async () => {
    const key = crypto.randomUUID();
    await write("slot", { key });
    await write("slot", { value: "changed since" });
    const retry = await write("slot", { key }); // the client never saw the first answer; the retry's update rolls back
    expect(retry.replayed).toBe(true);
    expect((await committedProbe())["slot"]).toBe("changed since");
    expect(await seenByNextMutation("slot")).toBe("changed since"); // nor does the next mutation build on it
    await write("slot", { value: "after the retry" });
    expect(await storedProbe()).toMatchObject({ slot: "after the retry" });
  });
});
