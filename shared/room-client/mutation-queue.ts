// The client's queue of mutations not yet acknowledged, persisted so that a reload or a tunnel loses nothing.

/** A mutation as it will be sent: the idempotency key makes every resend safe. */
export interface PendingMutation {
  key: string;
  method: "POST" | "PATCH" | "PUT" | "DELETE";
  path: string;
  body?: unknown;
  /** What it does, for the optimistic overlay: "thread.create", "comment.create", "thread.edit", … */
  kind: string;
  /** The thread or comment it concerns (for creations, the new id, which equals the key). */
  targetId: string;
  createdAt: string;
}

/**
 * Where the queue lives between page loads (localStorage in the browser, memory in tests). Changes are one item at
 * a time rather than the whole queue, because tabs of the same room share the storage: a tab that rewrote the list
 * from its own copy would drop what another tab had queued.
 */
export interface QueueStorage {
  load(): PendingMutation[] | Promise<PendingMutation[]>;
  /** Appends `item` unless an item with its key is already stored. */
  add(item: PendingMutation): void | Promise<void>;
  remove(key: string): void | Promise<void>;
}

/** The list operations both storages share, over a way to read and write the whole list. */
abstract class ListQueueStorage implements QueueStorage {
  abstract load(): PendingMutation[];
  protected abstract write(items: PendingMutation[]): void;

  add(item: PendingMutation): void {
    const items = this.load();
    if (!items.some((stored) => stored.key === item.key)) this.write([...items, item]);
  }

  remove(key: string): void {
    const items = this.load();
    const kept = items.filter((stored) => stored.key !== key);
    if (kept.length !== items.length) this.write(kept);
  }
}

export class MemoryQueueStorage extends ListQueueStorage {
  private items: PendingMutation[] = [];
  load(): PendingMutation[] {
    return [...this.items];
  }
  protected write(items: PendingMutation[]): void {
    this.items = [...items];
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
  load(): PendingMutation[] {
    try {
      const parsed: unknown = JSON.parse(this.storage.getItem(this.key) ?? "[]");
      return Array.isArray(parsed) ? (parsed as PendingMutation[]) : [];
    } catch {
      return [];
    }
  }
  protected write(items: PendingMutation[]): void {
    this.storage.setItem(this.key, JSON.stringify(items));
  }
}
