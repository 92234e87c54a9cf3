// The open live connections of one realtime adapter, by session, user and group: caps how many one user holds and
// closes those whose access changed (a sign-out, a membership change). y-websocket uses it now, socket.io later.
import { closeCode } from "../../shared/sync-protocol.ts";
import { AppError } from "../domain/app-error.ts";
import type { AccessEvents } from "../services/access-events.ts";

/** What the registry needs of a connection: a way to end it with a close code and a reason people can read. */
export interface LiveConnection {
  close(code: number, reason: string): void;
}

/** Whose access a connection depends on. */
export interface ConnectionOwner {
  sessionId: string;
  userId: string;
  /** The group it reads; unset for a connection that spans groups (socket.io), re-checked by its adapter. */
  groupId?: string;
}

export class ConnectionRegistry<C extends LiveConnection> {
  private readonly open = new Map<C, ConnectionOwner>();
  /** Slots held by each user: connections open plus handshakes past their check. */
  private readonly perUser = new Map<string, number>();
  private changes = 0;

  /** @param maxPerUser connections one user may hold at once, across sessions and tabs. */
  constructor(
    private readonly access: AccessEvents,
    private readonly maxPerUser: number,
  ) {
    access.on("session-revoked", this.onSessionRevoked);
    access.on("membership-changed", this.onMembershipChanged);
  }

  /**
   * Counts access changes seen so far. A handshake reads it before checking access and again before registering:
   * if it moved, a sign-out or a membership change may have been missed, and access must be checked again.
   */
  get accessChanges(): number {
    return this.changes;
  }

  get size(): number {
    return this.open.size;
  }

  connections(): IterableIterator<C> {
    return this.open.keys();
  }

  /** Whether the user holds any slot (an open connection or a handshake under way). */
  holds(userId: string): boolean {
    return this.perUser.has(userId);
  }

  /**
   * Takes one of the user's connection slots, from the handshake on, so that simultaneous handshakes cannot all
   * pass the cap. Throws AppError("rate_limited") when every slot is taken. The returned release is idempotent.
   */
  reserve(userId: string): () => void {
    const held = this.perUser.get(userId) ?? 0;
    if (held >= this.maxPerUser) {
      throw new AppError("rate_limited", "Too many open connections; close other tabs.");
    }
    this.perUser.set(userId, held + 1);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const left = (this.perUser.get(userId) ?? 1) - 1;
      if (left > 0) this.perUser.set(userId, left);
      else this.perUser.delete(userId);
    };
  }

  /** Registers an open connection; call the returned function when it closes. */
  add(connection: C, owner: ConnectionOwner): () => void {
    this.open.set(connection, owner);
    return () => this.open.delete(connection);
  }

  /** Closes every connection with `code` (at shutdown) and stops listening to access changes. */
  close(code: number, reason: string): void {
    this.access.off("session-revoked", this.onSessionRevoked);
    this.access.off("membership-changed", this.onMembershipChanged);
    for (const connection of [...this.open.keys()]) connection.close(code, reason);
  }

  // A signed-out session stops receiving at once; a changed role or membership reconnects and is checked again.
  private readonly onSessionRevoked = (sessionId: string) => {
    this.changes += 1;
    this.closeWhere((owner) => owner.sessionId === sessionId, closeCode.unauthenticated, "Signed out.");
  };

  private readonly onMembershipChanged = ({ groupId, userId }: { groupId: string; userId: string }) => {
    this.changes += 1;
    this.closeWhere(
      (owner) => owner.userId === userId && owner.groupId === groupId,
      closeCode.accessChanged,
      "Your access to this group changed; reconnect.",
    );
  };

  private closeWhere(matches: (owner: ConnectionOwner) => boolean, code: number, reason: string): void {
    for (const [connection, owner] of [...this.open]) if (matches(owner)) connection.close(code, reason);
  }
}
