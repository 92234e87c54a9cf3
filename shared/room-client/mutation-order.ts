// The ordering and dependency rules of the client's mutation queue: which mutation may be sent next, which must fail
// with another, which go with one that is retried or discarded. Pure, so they can be checked over arbitrary queues.
import type { MutationFailure, PendingMutation } from "./mutation-queue.ts";

/** A queued mutation with its retry state, as the outbox holds it (in the order the mutations were made). */
export interface QueueEntry {
  item: PendingMutation;
  /** Answers so far that count toward giving up (server errors, and 502–504 once they are this mutation's own). */
  attempts: number;
  /** Not to be sent before this time (ms since the epoch): a server error's backoff. */
  retryAt: number;
  /** How many mutations the outbox had seen succeed when this one was last answered 502–504. */
  unavailableMark?: number;
}

const replyPath = /^\/threads\/([^/]+)\/comments$/;

/** The thread a reply is posted to. */
export function replyThreadId(item: PendingMutation): string | undefined {
  return replyPath.exec(item.path)?.[1];
}

/** The id of the thread or reply the mutation creates, if it creates one. */
export function createdId(item: PendingMutation): string | undefined {
  return item.kind === "thread.create" || item.kind === "comment.create" ? item.targetId : undefined;
}

/**
 * The ids a mutation concerns: its target, and for a reply also the thread and the reply it answers. Mutations that
 * share an id are sent in the order they were made; one that concerns an id whose creation failed fails with it.
 */
export function idsOf(item: PendingMutation): string[] {
  const ids = [item.targetId];
  if (item.kind === "comment.create") {
    const threadId = replyThreadId(item);
    const parentId = (item.body as { parentId?: unknown } | undefined)?.parentId;
    if (threadId) ids.push(threadId);
    if (typeof parentId === "string") ids.push(parentId);
  }
  return ids;
}

/**
 * The first mutation that may be sent at `now`: not failed, not waiting out a backoff, and with no earlier mutation
 * on any of its ids still unsettled (so the order per thread and per reply holds). Mutations on other ids are not
 * held up by one that keeps failing.
 */
export function nextToSend(entries: readonly QueueEntry[], now: number): QueueEntry | undefined {
  const unsettled = new Set<string>();
  for (const entry of entries) {
    if (entry.item.failure) continue;
    const ids = idsOf(entry.item);
    if (entry.retryAt <= now && !ids.some((id) => unsettled.has(id))) return entry;
    for (const id of ids) unsettled.add(id);
  }
  return undefined;
}

/** When the earliest backoff among unsettled mutations ends (ms since the epoch), if any is waiting. */
export function nextRetryAt(entries: readonly QueueEntry[], now: number): number | undefined {
  const waiting = entries.filter((entry) => !entry.item.failure && entry.retryAt > now);
  return waiting.length > 0 ? Math.min(...waiting.map((entry) => entry.retryAt)) : undefined;
}

// Only creations are depended on (failedCreations below holds nothing else): a thread or a reply.
const describe = (item: PendingMutation) => (item.kind === "thread.create" ? "a new thread" : "a new reply");

/**
 * Unsettled mutations that must fail because a creation they concern failed (a reply to a thread that was never
 * created, a reaction to a reply that was never posted), with the failure each gets; transitively, in queue order.
 */
export function dependentFailures(
  entries: readonly QueueEntry[],
  failedAt: string,
): { entry: QueueEntry; failure: MutationFailure }[] {
  const failedCreations = new Map<string, PendingMutation>();
  const result: { entry: QueueEntry; failure: MutationFailure }[] = [];
  for (const entry of entries) {
    let failure = entry.item.failure;
    if (!failure) {
      const dependency = idsOf(entry.item)
        .map((id) => failedCreations.get(id))
        .find((found) => found !== undefined);
      if (!dependency) continue;
      const cause = dependency.failure!;
      failure = {
        status: 0,
        code: "dependency_failed",
        // A chain names its first link: the creation whose failure the user can act on.
        reason: cause.dependsOn
          ? cause.reason
          : `Depends on ${describe(dependency)}, not saved: ${cause.reason}`,
        dependsOn: dependency.key,
        failedAt,
      };
      result.push({ entry, failure });
    }
    const created = createdId(entry.item);
    if (created) failedCreations.set(created, { ...entry.item, failure });
  }
  return result;
}

/**
 * The failed mutations that go with `key` when it is retried: the first failure of its chain (a dependent is retried
 * with what it depends on) and everything that failed because of it.
 */
export function retryGroup(entries: readonly QueueEntry[], key: string): QueueEntry[] {
  const byKey = new Map(entries.map((entry) => [entry.item.key, entry]));
  let root = byKey.get(key);
  while (root?.item.failure?.dependsOn && byKey.get(root.item.failure.dependsOn)?.item.failure) {
    root = byKey.get(root.item.failure.dependsOn);
  }
  if (!root?.item.failure) return [];
  const keys = new Set([root.item.key]);
  const group = [root];
  for (const entry of entries.slice(entries.indexOf(root) + 1)) {
    const dependsOn = entry.item.failure?.dependsOn;
    if (dependsOn && keys.has(dependsOn)) {
      keys.add(entry.item.key);
      group.push(entry);
    }
  }
  return group;
}

/**
 * The mutations that go when failed `key` is discarded: it, and everything after it that concerns what it would have
 * created (they could never succeed without it). Empty unless `key` has failed.
 */
export function discardGroup(entries: readonly QueueEntry[], key: string): QueueEntry[] {
  const index = entries.findIndex((entry) => entry.item.key === key);
  const root = entries[index];
  if (!root?.item.failure) return [];
  const created = new Set<string>();
  const group = [root];
  const add = (item: PendingMutation) => {
    const id = createdId(item);
    if (id) created.add(id);
  };
  add(root.item);
  for (const entry of entries.slice(index + 1)) {
    if (!idsOf(entry.item).some((id) => created.has(id))) continue;
    group.push(entry);
    add(entry.item);
  }
  return group;
}
