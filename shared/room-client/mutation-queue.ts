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

/** Where the queue lives between page loads (localStorage in the browser, memory in tests). */
export interface QueueStorage {
  load(): PendingMutation[] | Promise<PendingMutation[]>;
  save(items: PendingMutation[]): void | Promise<void>;
}

export class MemoryQueueStorage implements QueueStorage {
  private items: PendingMutation[] = [];
  load(): PendingMutation[] {
    return [...this.items];
  }
  save(items: PendingMutation[]): void {
    this.items = [...items];
  }
}

/** Keeps the queue in a Storage (localStorage) under one key; unreadable contents start an empty queue. */
export class WebStorageQueue implements QueueStorage {
  constructor(
    private readonly storage: {
      getItem(key: string): string | null;
      setItem(key: string, value: string): void;
    },
    private readonly key: string,
  ) {}
  load(): PendingMutation[] {
    try {
      const parsed: unknown = JSON.parse(this.storage.getItem(this.key) ?? "[]");
      return Array.isArray(parsed) ? (parsed as PendingMutation[]) : [];
    } catch {
      return [];
    }
  }
  save(items: PendingMutation[]): void {
    this.storage.setItem(this.key, JSON.stringify(items));
  }
}
