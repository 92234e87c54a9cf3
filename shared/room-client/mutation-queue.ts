// The client's queue of mutations not yet acknowledged, persisted so that a reload or a tunnel loses nothing.

/**
 * Version of a stored queue item. Version 1 (no `v` field) had no failures; version 2 adds `v` and `failure`. A
 * stored item of a version this client does not know (written by a newer one) is left in storage untouched.
 */
export const queueItemVersion = 2;

/** What a mutation does, for the optimistic overlay and for working out which mutations depend on which. */
export type MutationKind =
  | "thread.create"
  | "thread.edit"
  | "thread.delete"
  | "thread.resolve"
  | "thread.reopen"
  | "thread.hide"
  | "thread.pin"
  | "thread.unpin"
  | "comment.create"
  | "comment.edit"
  | "comment.delete"
  | "comment.hide"
  | "reaction";

/** Why a mutation was given up on. */
export interface MutationFailure {
  /** HTTP status of the answer that settled it; 0 when a mutation it depends on failed (it was never sent). */
  status: number;
  /** The error body's code (`validation_failed`, `not_found`, `internal`…), or `dependency_failed`. */
  code: string;
  /** For people: the server's message, or which unsent mutation this one needed and why that failed. */
  reason: string;
  /** Key of the failed mutation this one depends on (the creation of the thread or reply it concerns). */
  dependsOn?: string;
  /** ISO 8601. */
  failedAt: string;
}

/** A mutation as it will be sent: the idempotency key makes every resend safe. */
export interface PendingMutation {
  v: typeof queueItemVersion;
  key: string;
  method: "POST" | "PATCH" | "PUT" | "DELETE";
  /** Below `/api/rooms/:roomId`, e.g. `/threads/<id>/comments`. */
  path: string;
  body?: unknown;
  kind: MutationKind;
  /** The thread or comment it concerns (for creations, the new id, which equals the key). */
  targetId: string;
  createdAt: string;
  /** Set once the mutation is given up on; it stays queued, shown as failed, until retried or discarded. */
  failure?: MutationFailure;
}

/**
 * Where the queue lives between page loads (localStorage in the browser, memory in tests). Changes are one item at
 * a time rather than the whole queue, because tabs of the same room share the storage: a tab that rewrote the list
 * from its own copy would drop what another tab had queued.
 */
export interface QueueStorage {
  /** The stored items this client can read, oldest first (older versions upgraded). */
  load(): PendingMutation[] | Promise<PendingMutation[]>;
  /** Appends `item` unless an item with its key is already stored. */
  add(item: PendingMutation): void | Promise<void>;
  /** Replaces the stored item with `item`'s key; does nothing if it is gone (another tab sent it). */
  update(item: PendingMutation): void | Promise<void>;
  remove(key: string): void | Promise<void>;
}

const methods = new Set(["POST", "PATCH", "PUT", "DELETE"]);

/** A stored item as this client's version, or undefined for one it cannot read. */
export function readStoredItem(stored: unknown): PendingMutation | undefined {
  if (typeof stored !== "object" || stored === null) return undefined;
  const item = stored as Partial<Record<keyof PendingMutation, unknown>>;
  const version = item.v ?? 1;
  if (version !== 1 && version !== queueItemVersion) return undefined;
  const texts = [item.key, item.path, item.kind, item.targetId, item.createdAt];
  if (texts.some((text) => typeof text !== "string") || !methods.has(item.method as string)) return undefined;
  return { ...(stored as PendingMutation), v: queueItemVersion };
}

const keyOf = (stored: unknown): unknown => (stored as { key?: unknown } | null)?.key;

/** The list operations both storages share, over a way to read and write the whole stored list. */
abstract class ListQueueStorage implements QueueStorage {
  /** Everything stored, including items this client cannot read, which rewrites must keep. */
  protected abstract read(): unknown[];
  protected abstract write(items: unknown[]): void;

  load(): PendingMutation[] {
    return this.read()
      .map(readStoredItem)
      .filter((item) => item !== undefined);
  }

  add(item: PendingMutation): void {
    const items = this.read();
    if (!items.some((stored) => keyOf(stored) === item.key)) this.write([...items, item]);
  }

  update(item: PendingMutation): void {
    const items = this.read();
    if (items.some((stored) => keyOf(stored) === item.key))
      this.write(items.map((stored) => (keyOf(stored) === item.key ? item : stored)));
  }

  remove(key: string): void {
    const items = this.read();
    const kept = items.filter((stored) => keyOf(stored) !== key);
    if (kept.length !== items.length) this.write(kept);
  }
}

export class MemoryQueueStorage extends ListQueueStorage {
  private items: unknown[] = [];
  protected read(): unknown[] {
    return structuredClone(this.items);
  }
  protected write(items: unknown[]): void {
    this.items = structuredClone(items);
  }
}

/** Keeps the queue in a Storage (localStorage) under one key; unreadable contents start an empty queue. */
export class WebStorageQueue extends ListQueueStorage {
  constructor(
    private readonly storage: {
      getItem(key: string): string | null;
      setItem(key: string, value: string): void;
    },
    private readonly key: string,
  ) {
    super();
  }
  protected read(): unknown[] {
    try {
      const parsed: unknown = JSON.parse(this.storage.getItem(this.key) ?? "[]");
      return Array.isArray(parsed) ? parsed : [];
    } catch {
      return [];
    }
  }
  protected write(items: unknown[]): void {
    this.storage.setItem(this.key, JSON.stringify(items));
  }
}
