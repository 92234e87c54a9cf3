// A room as the web client uses it: a read-only Y.Doc replica kept live over y-websocket, and mutations sent over
// REST with idempotency keys — applied optimistically, queued while offline, replayed in order on reconnect; one that
// cannot succeed is shown as failed (with what depends on it) while the others go through.
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
import { closeCode, shouldReconnect, silenceTimeoutMs, syncPaths } from "../sync-protocol.ts";
import { ConnectionWatch, platformNetwork, type NetworkSignal } from "./connection-watch.ts";
import { replyThreadId } from "./mutation-order.ts";
import { MemoryQueueStorage, type PendingMutation, type QueueStorage } from "./mutation-queue.ts";
import * as mutations from "./mutations.ts";
import { Outbox, type FailedMutation } from "./outbox.ts";
import type { RetryPolicy } from "./retry-policy.ts";

export { MutationRejected, type FailedMutation } from "./outbox.ts";
export type { MutationFailure } from "./mutation-queue.ts";
export type { NetworkSignal } from "./connection-watch.ts";

/** A new thread as the client sends it: the request body, and the text version its anchor was taken on. */
export type NewThreadInput = CreateThreadInput & { version?: number };

/**
 * "live": synced, nothing waiting. "syncing": connected, catching up or sending. "offline": no connection (the
 * platform is offline, the socket is down or silent, or the last request got no answer). "closed": the server
 * refused the connection for good, or the session ended; `reason` says why.
 */
export type ConnectionStatus = "live" | "syncing" | "offline" | "closed";

export interface ConnectionState {
  status: ConnectionStatus;
  /** Mutations still to be sent (failed ones are not counted: see failures()). */
  pending: number;
  reason?: string;
  /**
   * The platform reports a network (always true where it reports none). "offline" with a network means the server
   * cannot be reached (reconnecting); without, the device itself is offline.
   */
  network: boolean;
  /** "closed" because the session ended (a 401, or the socket closed as unauthenticated): signing in resumes. */
  signedOut: boolean;
}

/** How a record of the overlay stands: still being sent, or with mutations that failed. */
export interface Overlay {
  /** A mutation of it (its creation, an edit…) is still to be sent. */
  pending: boolean;
  /** Its mutations that failed, oldest first; for a creation that failed, the record exists only here. */
  failures: readonly FailedMutation[];
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
  /**
   * Read the room's veiled document (hide until posted: only what the reader may see before their first thread)
   * rather than the group's; the server sends a reader between the two with closeCode.hiddenUntilPosted and
   * closeCode.roomOpened.
   */
  veiled?: boolean;
  /** An existing document to sync into (e.g. one restored from IndexedDB for offline reading). */
  doc?: Y.Doc;
  /** The device's online/offline signal; by default the browser's (always online where there is none). */
  network?: NetworkSignal;
  /** Retry limits of the mutation queue (tests shorten them). */
  retryPolicy?: Partial<RetryPolicy>;
}

/** How often the sync socket is checked for silence (ms). */
const checkEveryMs = 1_000;

export class RoomClient {
  readonly doc: Y.Doc;
  readonly room: RoomDoc;
  readonly provider: WebsocketProvider;
  private readonly outbox: Outbox;
  private readonly watch: ConnectionWatch;
  private readonly network: NetworkSignal;
  private readonly stateListeners = new Set<(state: ConnectionState) => void>();
  private readonly changeListeners = new Set<() => void>();
  private readonly fetchImpl: typeof fetch;
  /** Why the server closed the connection for good, if it did, and with which close code. */
  private closedReason: string | undefined;
  private closedCode: number | undefined;
  /** Replies and reactions grouped by owner; dropped on every change of the replica and rebuilt when next read. */
  private roomIndex: RoomIndex | undefined;

  constructor(private readonly options: RoomClientOptions) {
    this.doc = options.doc ?? new Y.Doc();
    this.room = new RoomDoc(this.doc);
    this.fetchImpl = options.fetch ?? globalThis.fetch.bind(globalThis);
    this.network = options.network ?? platformNetwork();
    this.outbox = new Outbox({
      storage: options.queueStorage ?? new MemoryQueueStorage(),
      send: (item, signal) => this.send(item, signal),
      ...(options.retryPolicy ? { policy: options.retryPolicy } : {}),
      onChange: () => {
        this.emitChange();
        this.emitState();
      },
    });
    const wsBase = options.baseUrl.replace(/^http/, "ws");
    const path = options.veiled
      ? syncPaths.veiledRoom(options.roomId)
      : syncPaths.room(options.roomId, options.scope ?? "group");
    // y-websocket appends "/<room name>" to the server URL; the path already names the room.
    const slash = path.lastIndexOf("/");
    this.provider = new WebsocketProvider(
      `${wsBase}${path.slice(0, slash)}`,
      path.slice(slash + 1),
      this.doc,
      {
        ...(options.WebSocket ? { WebSocketPolyfill: options.WebSocket as typeof WebSocket } : {}),
        connect: false, // the watch connects it, when the platform is online
        disableBc: true,
        shouldReconnect,
      },
    );
    this.provider.on("closed", ({ code, reason }: { code: number; reason: string }) => {
      this.closedCode = code;
      this.closedReason = reason || "The server closed the connection.";
      this.emitState();
    });
    this.provider.on("status", ({ status }: { status: string }) => {
      if (status === "connected") {
        this.closedReason = undefined;
        this.closedCode = undefined;
        this.outbox.resume(); // the way to the server is back (and the session good): send without waiting
      }
      this.emitState();
    });
    this.provider.on("sync", () => this.emitState());
    this.doc.on("update", () => {
      this.roomIndex = undefined;
      this.emitChange();
    });
    this.watch = new ConnectionWatch(this.provider, {
      network: this.network,
      silenceTimeoutMs,
      checkEveryMs,
      maxBackoffMs: 5_000,
      onNetwork: (online) => {
        if (online) this.outbox.resume();
        else this.outbox.pause();
        this.emitState();
      },
      onSilence: () => this.outbox.abandonInFlight(),
    });
    if (!this.network.online()) this.outbox.pause();
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
    const pending = this.outbox.pendingCount();
    const network = this.network.online();
    if (this.outbox.signedOut) {
      const reason = "Signed out: sign in again, and your pending changes will be sent.";
      return { status: "closed", pending, reason, network, signedOut: true };
    }
    if (this.closedReason && !this.provider.shouldConnect) {
      const signedOut = this.closedCode === closeCode.unauthenticated;
      return { status: "closed", pending, reason: this.closedReason, network, signedOut };
    }
    const connected = network && this.provider.wsconnected && !this.outbox.unreachable;
    if (!connected) return { status: "offline", pending, network, signedOut: false };
    const status = pending > 0 || !this.provider.synced ? "syncing" : "live";
    return { status, pending, network, signedOut: false };
  }

  onState(listener: (state: ConnectionState) => void): () => void {
    this.stateListeners.add(listener);
    return () => this.stateListeners.delete(listener);
  }

  /** Called whenever the replica or the overlay (pending and failed mutations) changes. */
  onChange(listener: () => void): () => void {
    this.changeListeners.add(listener);
    return () => this.changeListeners.delete(listener);
  }

  /** Mutations given up on, oldest first: each awaits retry(key) or discard(key). */
  failures(): FailedMutation[] {
    return this.outbox.failures();
  }

  /**
   * Sends failed mutation `key` again, together with the mutation its failure came from (when it failed as a
   * dependent) and everything that failed because of that one. False if `key` is not a failed mutation.
   */
  retry(key: string): boolean {
    return this.outbox.retry(key);
  }

  /**
   * What discard(`key`) would drop, the failed mutation first, then the mutations on what it would have created
   * (failed or not yet sent); empty unless `key` is a failed mutation. For saying what goes with it before it goes.
   */
  discardGroup(key: string): readonly Readonly<PendingMutation>[] {
    return this.outbox.discardGroup(key);
  }

  /**
   * Drops failed mutation `key` from the overlay and the stored queue, with every mutation on what it would have
   * created (replies to a thread that failed, reactions to it…). False if `key` is not a failed mutation.
   */
  discard(key: string): boolean {
    return this.outbox.discard(key);
  }

  /** Threads as the user should see them: the replica plus their own creations not yet acknowledged or failed. */
  threads(): (ThreadRecord & Overlay)[] {
    const overlay = this.overlay();
    const confirmed = [...this.room.threads.values()].map((thread) => ({ ...thread, ...overlay(thread.id) }));
    const optimistic = this.outbox
      .items()
      .filter((item) => item.kind === "thread.create" && !this.room.threads.has(item.targetId))
      .map((item) => ({ ...this.optimisticThread(item), ...overlay(item.targetId) }));
    return [...confirmed, ...optimistic].sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  }

  /** Replies of a thread, with the user's replies not yet acknowledged or failed. */
  comments(threadId: string): (CommentRecord & Overlay)[] {
    const overlay = this.overlay();
    const confirmed = (this.index().commentsByThread.get(threadId) ?? []).map((comment) => ({
      ...comment,
      ...overlay(comment.id),
    }));
    const optimistic = this.outbox
      .items()
      .filter(
        (item) =>
          item.kind === "comment.create" &&
          replyThreadId(item) === threadId &&
          !this.room.comments.has(item.targetId),
      )
      .map((item) => ({ ...this.optimisticComment(item), ...overlay(item.targetId) }));
    return [...confirmed, ...optimistic];
  }

  /** The overlay of each record, by id, from the queue as it is now. */
  private overlay(): (id: string) => Overlay {
    const byTarget = new Map<string, Overlay & { failures: FailedMutation[] }>();
    for (const item of this.outbox.items()) {
      const overlay = byTarget.get(item.targetId) ?? { pending: false, failures: [] };
      if (item.failure) overlay.failures.push(item as FailedMutation);
      else overlay.pending = true;
      byTarget.set(item.targetId, overlay);
    }
    return (id) => byTarget.get(id) ?? { pending: false, failures: [] };
  }

  /** Reactions to a thread or reply, by emoji. */
  reactions(targetId: string): ReadonlyMap<string, readonly Readonly<ReactionRecord>[]> {
    return this.index().reactionsByTarget.get(targetId) ?? new Map();
  }

  private index(): RoomIndex {
    this.roomIndex ??= this.room.index();
    return this.roomIndex;
  }

  /**
   * Starts a thread; `input.version` is the number of the text version its anchor was taken on (the server
   * re-anchors the thread if the room moved on before it arrived, or refuses it with 409 `anchor_detached`).
   */
  createThread(input: NewThreadInput): { id: string; done: Promise<unknown> } {
    const draft = mutations.createThread(input);
    return { id: draft.key, done: this.enqueue(draft) };
  }

  reply(
    threadId: string,
    body: string,
    parentId: string | null = null,
  ): { id: string; done: Promise<unknown> } {
    const draft = mutations.reply(threadId, body, parentId);
    return { id: draft.key, done: this.enqueue(draft) };
  }

  editThread(threadId: string, patch: { body?: string; tags?: string[] }): Promise<unknown> {
    return this.enqueue(mutations.editThread(threadId, patch));
  }

  deleteThread(threadId: string): Promise<unknown> {
    return this.enqueue(mutations.deleteThread(threadId));
  }

  setResolved(threadId: string, resolved: boolean): Promise<unknown> {
    return this.enqueue(mutations.setResolved(threadId, resolved));
  }

  setPinned(threadId: string, pinned: boolean): Promise<unknown> {
    return this.enqueue(mutations.setPinned(threadId, pinned));
  }

  editComment(commentId: string, body: string): Promise<unknown> {
    return this.enqueue(mutations.editComment(commentId, body));
  }

  deleteComment(commentId: string): Promise<unknown> {
    return this.enqueue(mutations.deleteComment(commentId));
  }

  react(targetId: string, emoji: string, on = true): Promise<unknown> {
    return this.enqueue(mutations.react(targetId, emoji, on));
  }

  hide(kind: "thread" | "comment", id: string, reason: string | null): Promise<unknown> {
    return this.enqueue(mutations.hide(kind, id, reason));
  }

  /** Stops syncing and retrying; the queue stays in storage for the next session. */
  destroy(): void {
    this.outbox.destroy();
    this.watch.destroy();
    this.provider.destroy();
    this.stateListeners.clear();
    this.changeListeners.clear();
  }

  /** Queues synchronously, so the optimistic overlay shows the change at once; settles when the server answers. */
  private enqueue(draft: mutations.MutationDraft): Promise<unknown> {
    return this.outbox.enqueue(draft);
  }

  private send(item: PendingMutation, signal: AbortSignal): Promise<Response> {
    return this.fetchImpl(`${this.options.baseUrl}/api/rooms/${this.options.roomId}${item.path}`, {
      method: item.method,
      headers: {
        ...this.options.headers,
        "Idempotency-Key": item.key,
        ...(item.body === undefined ? {} : { "Content-Type": "application/json" }),
      },
      ...(item.body === undefined ? {} : { body: JSON.stringify(item.body) }),
      credentials: "include",
      signal,
    });
  }

  private optimisticThread(item: Readonly<PendingMutation>): ThreadRecord {
    const input = item.body as NewThreadInput;
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
      ...(input.version === undefined ? {} : { version: input.version }),
    };
  }

  private optimisticComment(item: Readonly<PendingMutation>): CommentRecord {
    const input = item.body as { body: string; parentId: string | null };
    return {
      id: item.targetId,
      threadId: replyThreadId(item)!,
      parentId: input.parentId,
      authorId: this.options.user.id,
      authorName: this.options.user.name,
      body: input.body,
      createdAt: item.createdAt,
      editedAt: null,
      deleted: false,
      hidden: null,
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
