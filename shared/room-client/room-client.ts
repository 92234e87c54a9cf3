// A room as the web client uses it: a read-only Y.Doc replica kept live over y-websocket, and mutations sent over
// REST with idempotency keys — applied optimistically, queued while offline, replayed in order on reconnect.
import { WebsocketProvider } from "y-websocket";
import * as Y from "yjs";
import {
  RoomDoc,
  type CommentRecord,
  type ReactionRecord,
  type RoomIndex,
  type RoomScope,
  type ThreadRecord,
} from "../room-doc.ts";
import type { CreateThreadInput } from "../schemas/threads.ts";
import { shouldReconnect, syncPaths } from "../sync-protocol.ts";
import { MemoryQueueStorage, type PendingMutation, type QueueStorage } from "./mutation-queue.ts";

/** "closed": the server refused the connection for good (signed out, no access); `reason` says why. */
export type ConnectionStatus = "live" | "syncing" | "offline" | "closed";

export interface ConnectionState {
  status: ConnectionStatus;
  pending: number;
  reason?: string;
}

export interface RoomClientOptions {
  /** The server's base URL, e.g. https://scholia.example.org. */
  baseUrl: string;
  roomId: string;
  scope?: RoomScope;
  /** The signed-in user, for optimistic records. */
  user: { id: string; name: string };
  /** Extra request headers (in Node: the session cookie; browsers send it themselves). */
  headers?: Record<string, string>;
  fetch?: typeof fetch;
  /** A WebSocket implementation where the platform has none (Node 20). */
  WebSocket?: unknown;
  queueStorage?: QueueStorage;
  /** An existing document to sync into (e.g. one restored from IndexedDB for offline reading). */
  doc?: Y.Doc;
}

/** Thrown (through the mutation's promise) when the server refuses a mutation for good (4xx). */
export class MutationRejected extends Error {
  override name = "MutationRejected";
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

interface Waiter {
  resolve: (body: unknown) => void;
  reject: (error: Error) => void;
}

const randomId = (): string => globalThis.crypto.randomUUID();

export class RoomClient {
  readonly doc: Y.Doc;
  readonly room: RoomDoc;
  readonly provider: WebsocketProvider;
  private queue: PendingMutation[] = [];
  private readonly waiters = new Map<string, Waiter>();
  private readonly stateListeners = new Set<(state: ConnectionState) => void>();
  private readonly changeListeners = new Set<() => void>();
  private readonly storage: QueueStorage;
  private readonly fetchImpl: typeof fetch;
  private flushing = false;
  private retryTimer: ReturnType<typeof setTimeout> | undefined;
  private failures = 0;
  private online = true;
  private readonly ready: Promise<void>;
  private destroyed = false;
  /** Why the server closed the connection for good, if it did. */
  private closedReason: string | undefined;
  /** The server answered 401 to a queued mutation: the session ended, and the queue waits for a new one. */
  private signedOut = false;
  /** Replies and reactions grouped by owner; dropped on every change of the replica and rebuilt when next read. */
  private roomIndex: RoomIndex | undefined;

  constructor(private readonly options: RoomClientOptions) {
    this.doc = options.doc ?? new Y.Doc();
    this.room = new RoomDoc(this.doc);
    this.storage = options.queueStorage ?? new MemoryQueueStorage();
    this.fetchImpl = options.fetch ?? globalThis.fetch.bind(globalThis);
    const wsBase = options.baseUrl.replace(/^http/, "ws");
    const path = syncPaths.room(options.roomId, options.scope ?? "group");
    // y-websocket appends "/<room name>" to the server URL; the path already names the room.
    const slash = path.lastIndexOf("/");
    this.provider = new WebsocketProvider(
      `${wsBase}${path.slice(0, slash)}`,
      path.slice(slash + 1),
      this.doc,
      {
        ...(options.WebSocket ? { WebSocketPolyfill: options.WebSocket as typeof WebSocket } : {}),
        disableBc: true,
        maxBackoffTime: 5_000,
        shouldReconnect,
      },
    );
    this.provider.on("closed", ({ reason }: { code: number; reason: string }) => {
      this.closedReason = reason || "The server closed the connection.";
      this.emitState();
    });
    this.provider.on("status", ({ status }: { status: string }) => {
      if (status === "connected") {
        this.closedReason = undefined;
        this.setOnline(true);
        if (this.signedOut) void this.flush(); // the sync endpoint accepted a session: try the queue again
      }
      this.emitState();
    });
    this.provider.on("sync", () => this.emitState());
    this.doc.on("update", () => {
      this.roomIndex = undefined;
      this.emitChange();
    });
    this.ready = Promise.resolve(this.storage.load()).then((items) => {
      this.queue = [...items, ...this.queue];
      this.emitState();
      void this.flush();
    });
  }

  /** Resolves once the replica holds the server's state. */
  whenSynced(): Promise<void> {
    if (this.provider.synced) return Promise.resolve();
    return new Promise((resolve) => {
      const onSync = (synced: boolean) => {
        if (!synced) return;
        this.provider.off("sync", onSync);
        resolve();
      };
      this.provider.on("sync", onSync);
    });
  }

  state(): ConnectionState {
    if (this.signedOut) {
      const reason = "Signed out: sign in again, and your pending changes will be sent.";
      return { status: "closed", pending: this.queue.length, reason };
    }
    if (this.closedReason && !this.provider.shouldConnect) {
      return { status: "closed", pending: this.queue.length, reason: this.closedReason };
    }
    const connected = this.provider.wsconnected && this.online;
    if (!connected) return { status: "offline", pending: this.queue.length };
    return {
      status: this.queue.length > 0 || !this.provider.synced ? "syncing" : "live",
      pending: this.queue.length,
    };
  }

  onState(listener: (state: ConnectionState) => void): () => void {
    this.stateListeners.add(listener);
    return () => this.stateListeners.delete(listener);
  }

  /** Called whenever the replica or the pending overlay changes. */
  onChange(listener: () => void): () => void {
    this.changeListeners.add(listener);
    return () => this.changeListeners.delete(listener);
  }

  /** Threads as the user should see them: the replica plus their own creations not yet acknowledged. */
  threads(): (ThreadRecord & { pending: boolean })[] {
    const pendingTargets = new Set(this.queue.map((item) => item.targetId));
    const confirmed = [...this.room.threads.values()].map((thread) => ({
      ...thread,
      pending: pendingTargets.has(thread.id),
    }));
    const optimistic = this.queue
      .filter((item) => item.kind === "thread.create" && !this.room.threads.has(item.targetId))
      .map((item) => this.optimisticThread(item));
    return [...confirmed, ...optimistic].sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  }

  /** Replies of a thread, with the user's unacknowledged replies. */
  comments(threadId: string): (CommentRecord & { pending: boolean })[] {
    const pendingTargets = new Set(this.queue.map((item) => item.targetId));
    const confirmed = (this.index().commentsByThread.get(threadId) ?? []).map((comment) => ({
      ...comment,
      pending: pendingTargets.has(comment.id),
    }));
    const optimistic = this.queue
      .filter((item) => item.kind === "comment.create" && !this.room.comments.has(item.targetId))
      .map((item) => this.optimisticComment(item))
      .filter((comment) => comment.threadId === threadId);
    return [...confirmed, ...optimistic];
  }

  /** Reactions to a thread or reply, by emoji. */
  reactions(targetId: string): ReadonlyMap<string, readonly Readonly<ReactionRecord>[]> {
    return this.index().reactionsByTarget.get(targetId) ?? new Map();
  }

  private index(): RoomIndex {
    this.roomIndex ??= this.room.index();
    return this.roomIndex;
  }

  createThread(input: CreateThreadInput): { id: string; done: Promise<unknown> } {
    const id = randomId();
    const done = this.enqueue({
      key: id,
      method: "POST",
      path: `/threads`,
      body: input,
      kind: "thread.create",
      targetId: id,
    });
    return { id, done };
  }

  reply(
    threadId: string,
    body: string,
    parentId: string | null = null,
  ): { id: string; done: Promise<unknown> } {
    const id = randomId();
    const done = this.enqueue({
      key: id,
      method: "POST",
      path: `/threads/${threadId}/comments`,
      body: { body, parentId },
      kind: "comment.create",
      targetId: id,
    });
    return { id, done };
  }

  editThread(threadId: string, patch: { body?: string; tags?: string[] }): Promise<unknown> {
    return this.enqueue({
      key: randomId(),
      method: "PATCH",
      path: `/threads/${threadId}`,
      body: patch,
      kind: "thread.edit",
      targetId: threadId,
    });
  }

  deleteThread(threadId: string): Promise<unknown> {
    return this.enqueue({
      key: randomId(),
      method: "DELETE",
      path: `/threads/${threadId}`,
      kind: "thread.delete",
      targetId: threadId,
    });
  }

  setResolved(threadId: string, resolved: boolean): Promise<unknown> {
    const action = resolved ? "resolve" : "reopen";
    return this.enqueue({
      key: randomId(),
      method: "POST",
      path: `/threads/${threadId}/${action}`,
      kind: `thread.${action}`,
      targetId: threadId,
    });
  }

  editComment(commentId: string, body: string): Promise<unknown> {
    return this.enqueue({
      key: randomId(),
      method: "PATCH",
      path: `/comments/${commentId}`,
      body: { body },
      kind: "comment.edit",
      targetId: commentId,
    });
  }

  deleteComment(commentId: string): Promise<unknown> {
    return this.enqueue({
      key: randomId(),
      method: "DELETE",
      path: `/comments/${commentId}`,
      kind: "comment.delete",
      targetId: commentId,
    });
  }

  react(targetId: string, emoji: string, on = true): Promise<unknown> {
    return this.enqueue({
      key: randomId(),
      method: on ? "PUT" : "DELETE",
      path: `/reactions/${targetId}`,
      body: { emoji },
      kind: "reaction",
      targetId,
    });
  }

  hide(kind: "thread" | "comment", id: string, reason: string | null): Promise<unknown> {
    const path = `/${kind === "thread" ? "threads" : "comments"}/${id}/${reason === null ? "unhide" : "hide"}`;
    return this.enqueue({
      key: randomId(),
      method: "POST",
      path,
      ...(reason === null ? {} : { body: { reason } }),
      kind: `${kind}.hide`,
      targetId: id,
    });
  }

  /** Stops syncing and retrying; the queue stays in storage for the next session. */
  destroy(): void {
    this.destroyed = true;
    clearTimeout(this.retryTimer);
    this.provider.destroy();
    this.stateListeners.clear();
    this.changeListeners.clear();
  }

  /** Queues synchronously, so the optimistic overlay shows the change at once; stores, then sends. */
  private enqueue(item: Omit<PendingMutation, "createdAt">): Promise<unknown> {
    const pending: PendingMutation = { ...item, createdAt: new Date().toISOString() };
    this.queue.push(pending);
    const done = new Promise<unknown>((resolve, reject) =>
      this.waiters.set(pending.key, { resolve, reject }),
    );
    this.emitChange();
    this.emitState();
    void this.ready.then(async () => {
      await this.storage.add(pending);
      await this.flush();
    });
    return done;
  }

  /**
   * Sends queued mutations in order. Network failures and 5xx keep them queued, and so does 401 (the words of
   * someone whose session ended offline are kept for their next session); other 4xx drop them with an error.
   */
  private async flush(): Promise<void> {
    await this.ready; // never send ahead of mutations stored by an earlier session
    if (this.flushing || this.destroyed) return;
    this.flushing = true;
    try {
      while (this.queue.length > 0 && !this.destroyed) {
        const item = this.queue[0]!;
        let response: Response;
        try {
          response = await this.send(item);
        } catch {
          this.setOnline(false);
          this.scheduleRetry();
          return;
        }
        if (response.status >= 500 || response.status === 429 || response.status === 408) {
          this.scheduleRetry();
          return;
        }
        if (response.status === 401) {
          this.signedOut = true;
          this.emitState();
          this.scheduleRetry(); // slowly: the user may sign in again in another tab
          return;
        }
        this.signedOut = false;
        this.setOnline(true);
        this.failures = 0;
        const body: unknown = await response.json().catch(() => undefined);
        this.queue.shift();
        await this.storage.remove(item.key);
        const waiter = this.waiters.get(item.key);
        this.waiters.delete(item.key);
        if (response.ok) waiter?.resolve(body);
        else {
          const error = (body as { error?: { code?: string; message?: string } } | undefined)?.error;
          waiter?.reject(
            new MutationRejected(
              response.status,
              error?.code ?? "error",
              error?.message ?? `HTTP ${response.status}`,
            ),
          );
        }
        this.emitChange();
        this.emitState();
      }
    } finally {
      this.flushing = false;
    }
  }

  private send(item: PendingMutation): Promise<Response> {
    return this.fetchImpl(`${this.options.baseUrl}/api/rooms/${this.options.roomId}${item.path}`, {
      method: item.method,
      headers: {
        ...this.options.headers,
        "Idempotency-Key": item.key,
        ...(item.body === undefined ? {} : { "Content-Type": "application/json" }),
      },
      ...(item.body === undefined ? {} : { body: JSON.stringify(item.body) }),
      credentials: "include",
    });
  }

  /** Retries with exponential backoff and jitter, so a reconnecting crowd does not arrive all at once. */
  private scheduleRetry(): void {
    if (this.retryTimer || this.destroyed) return;
    this.failures += 1;
    const base = Math.min(30_000, 500 * 2 ** Math.min(this.failures, 6));
    const delay = base / 2 + Math.random() * (base / 2);
    this.retryTimer = setTimeout(() => {
      this.retryTimer = undefined;
      void this.flush();
    }, delay);
  }

  private setOnline(online: boolean): void {
    if (this.online === online) return;
    this.online = online;
    this.emitState();
    if (online) {
      clearTimeout(this.retryTimer);
      this.retryTimer = undefined;
      void this.flush();
    }
  }

  private optimisticThread(item: PendingMutation): ThreadRecord & { pending: boolean } {
    const input = item.body as CreateThreadInput;
    return {
      id: item.targetId,
      anchor: input.anchor,
      authorId: this.options.user.id,
      authorName: this.options.user.name,
      createdAt: item.createdAt,
      body: input.body,
      tags: input.tags ?? [],
      status: "open",
      resolvedBy: null,
      visibility: input.visibility ?? "group",
      editedAt: null,
      deleted: false,
      hidden: null,
      pending: true,
    };
  }

  private optimisticComment(item: PendingMutation): CommentRecord & { pending: boolean } {
    const input = item.body as { body: string; parentId: string | null };
    return {
      id: item.targetId,
      threadId: item.path.split("/")[2]!,
      parentId: input.parentId,
      authorId: this.options.user.id,
      authorName: this.options.user.name,
      body: input.body,
      createdAt: item.createdAt,
      editedAt: null,
      deleted: false,
      hidden: null,
      pending: true,
    };
  }

  private emitState(): void {
    const state = this.state();
    for (const listener of this.stateListeners) listener(state);
  }

  private emitChange(): void {
    for (const listener of this.changeListeners) listener();
  }
}
