// The open live connections of one realtime adapter, by session, user and group: caps how many one user holds and
// closes those whose access changed (a sign-out, a membership change) or whose session expired. Used by the
// y-websocket endpoints and by socket.io.
import { closeCode } from "../../shared/sync-protocol.ts";
import { AppError } from "../domain/app-error.ts";
import type { AccessEvents } from "../services/access-events.ts";
import type { LostLiveAccess } from "../services/auth/find-lost-access.ts";
import type { ConnectionLedger } from "./fanout/shared-connections.ts";

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
  /** The user's role in `groupId` when the connection opened: a different one later means it must reconnect. */
  role?: string;
  /** When the session ends: the connection is closed then, as a request would be refused. */
  expiresAt: Date;
  /**
   * For a room document: which room, whether it is served through a veil (hide until posted), what exactly it was
   * served (services/threads/room-view.ts viewFingerprint), and whether its reader sees everything whatever the
   * room's settings (instructors, owners), so that a change of what the room shows them reconnects exactly the
   * connections it concerns.
   */
  roomView?: { roomId: string; veiled: boolean; served: string; seesAll: boolean };
}

const tooManyConnections = () => new AppError("rate_limited", "Too many open connections; close other tabs.");

/** setTimeout's longest delay (a longer one fires at once): a later expiry is waited for in steps. */
const maxTimerMs = 2 ** 31 - 1;

export class ConnectionRegistry<C extends LiveConnection> {
  private readonly open = new Map<C, ConnectionOwner>();
  /** The timer that closes each connection when its session expires. */
  private readonly expiries = new Map<C, NodeJS.Timeout>();
  /**
   * Open connections by user, for the change said after every thread creation (room-view-changed for one user):
   * finding that user's few connections must not cost a pass over every connection of the server.
   */
  private readonly byUser = new Map<string, Set<C>>();
  /** Slots held by each user: connections open plus handshakes past their check. */
  private readonly perUser = new Map<string, number>();
  private changes = 0;

  /**
   * @param maxPerUser connections one user may hold at once, across sessions and tabs.
   * @param now the clock sessions expire by, in ms since the epoch (the services' clock).
   * @param findLostAccess after access events may have been missed ("changes-missed"), reads which of the open
   *   connections' sessions ended, memberships changed and room views changed meanwhile
   *   (services/auth/find-lost-access.ts); it never rejects.
   * @param ledger counts `maxPerUser` across every server process of the deployment (Redis) in reserveAcross;
   *   unset, this process's count is the only one.
   */
  constructor(
    private readonly access: AccessEvents,
    private readonly maxPerUser: number,
    private readonly now: () => number = Date.now,
    private readonly findLostAccess?: (
      owners: readonly ConnectionOwner[],
    ) => Promise<LostLiveAccess | undefined>,
    private readonly ledger?: ConnectionLedger,
  ) {
    access.on("session-revoked", this.onSessionRevoked);
    access.on("membership-changed", this.onMembershipChanged);
    access.on("room-view-changed", this.onRoomViewChanged);
    access.on("group-access-changed", this.onGroupAccessChanged);
    access.on("sections-changed", this.onSectionsChanged);
    access.on("changes-missed", this.onChangesMissed);
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
    if (held >= this.maxPerUser) throw tooManyConnections();
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

  /**
   * reserve(), then one of the user's slots across server processes (the ledger's). Rejects with
   * AppError("rate_limited") when either is full. The returned release is idempotent.
   */
  async reserveAcross(userId: string): Promise<() => void> {
    const release = this.reserve(userId);
    const ledger = this.ledger;
    if (!ledger) return release;
    if (!(await ledger.take(userId, this.maxPerUser))) {
      release();
      throw tooManyConnections();
    }
    let given = false;
    return () => {
      release();
      if (given) return;
      given = true;
      ledger.give(userId);
    };
  }

  /** Registers an open connection, closed when its session expires; call the returned function when it closes. */
  add(connection: C, owner: ConnectionOwner): () => void {
    this.open.set(connection, owner);
    let mine = this.byUser.get(owner.userId);
    if (!mine) this.byUser.set(owner.userId, (mine = new Set()));
    mine.add(connection);
    this.closeAtExpiry(connection, owner.expiresAt.getTime());
    return () => {
      clearTimeout(this.expiries.get(connection));
      this.expiries.delete(connection);
      this.open.delete(connection);
      mine.delete(connection);
      if (mine.size === 0 && this.byUser.get(owner.userId) === mine) this.byUser.delete(owner.userId);
    };
  }

  /** Closes every connection with `code` (at shutdown) and stops listening to access changes. */
  close(code: number, reason: string): void {
    this.access.off("session-revoked", this.onSessionRevoked);
    this.access.off("membership-changed", this.onMembershipChanged);
    this.access.off("room-view-changed", this.onRoomViewChanged);
    this.access.off("group-access-changed", this.onGroupAccessChanged);
    this.access.off("sections-changed", this.onSectionsChanged);
    this.access.off("changes-missed", this.onChangesMissed);
    this.ledger?.close();
    for (const timer of this.expiries.values()) clearTimeout(timer);
    this.expiries.clear();
    for (const connection of [...this.open.keys()]) connection.close(code, reason);
  }

  private closeAtExpiry(connection: C, expiresAt: number): void {
    const wait = expiresAt - this.now();
    const timer = setTimeout(
      () => {
        if (!this.open.has(connection)) return;
        if (wait > maxTimerMs) return this.closeAtExpiry(connection, expiresAt);
        connection.close(closeCode.unauthenticated, "Your session expired; sign in again.");
      },
      Math.max(0, Math.min(wait, maxTimerMs)),
    );
    timer.unref();
    this.expiries.set(connection, timer);
  }

  // A signed-out session stops receiving at once; a changed role or membership reconnects and is checked again.
  private readonly onSessionRevoked = (sessionId: string) => {
    this.changes += 1;
    this.closeWhere((owner) => owner.sessionId === sessionId, closeCode.unauthenticated, "Signed out.");
  };

  // Veiled views of the group reconnect too: a veil names people by role and section (a teacher's threads, a
  // section mate's), and this member's place in those lists just changed.
  private readonly onMembershipChanged = ({ groupId, userId }: { groupId: string; userId: string }) => {
    this.changes += 1;
    this.closeWhere(
      (owner) => owner.groupId === groupId && (owner.userId === userId || owner.roomView?.veiled === true),
      closeCode.accessChanged,
      "Your access to this group changed; reconnect.",
    );
  };

  // A reader's first thread reconnects their veiled connections to the room; a changed setting reconnects everyone
  // in the room it may concern. The client reconnects on accessChanged and is served what now applies.
  private readonly onRoomViewChanged = ({ roomId, userId }: { roomId: string; userId?: string }) => {
    this.changes += 1;
    this.closeWhere(
      ({ roomView, userId: owner }) =>
        roomView?.roomId === roomId && (userId ? owner === userId && roomView.veiled : !roomView.seesAll),
      closeCode.accessChanged,
      "What this room shows you changed; reconnect.",
      userId === undefined ? undefined : this.byUser.get(userId),
    );
  };

  private readonly onGroupAccessChanged = (groupId: string) => {
    this.changes += 1;
    this.closeWhere(
      (owner) => owner.groupId === groupId,
      closeCode.accessChanged,
      "What this group's rooms let you open changed; reconnect.",
    );
  };

  // Sections or places in them changed: every room connection of the group that does not read every section may
  // read other people now (veiled or not: the first section veils those who were not).
  private readonly onSectionsChanged = (groupId: string) => {
    this.changes += 1;
    this.closeWhere(
      ({ groupId: group, roomView }) => group === groupId && roomView !== undefined && !roomView.seesAll,
      closeCode.accessChanged,
      "Your discussion section changed; reconnect.",
    );
  };

  // Sign-outs, membership changes and changes of what rooms show made on other servers may not have reached this
  // one: each open connection is checked against the database, and those whose access ended or changed are closed
  // as the events would have.
  private readonly onChangesMissed = () => {
    this.changes += 1;
    const owners = [...this.open.values()];
    if (!this.findLostAccess || owners.length === 0) return;
    void this.findLostAccess(owners).then((lost) => {
      if (!lost) return;
      this.changes += 1;
      this.closeWhere(
        (owner) => lost.endedSessions.has(owner.sessionId),
        closeCode.unauthenticated,
        "Signed out.",
      );
      this.closeWhere(
        (owner) => owner.groupId !== undefined && lost.changedMembers.has(`${owner.groupId}:${owner.userId}`),
        closeCode.accessChanged,
        "Your access to this group changed; reconnect.",
      );
      this.closeWhere(
        ({ roomView, userId }) => {
          const now = roomView && lost.views.get(`${roomView.roomId}:${userId}`);
          return now !== undefined && now !== roomView!.served;
        },
        closeCode.accessChanged,
        "What this room shows you changed; reconnect.",
      );
    });
  };

  /** Closes the connections whose owner `matches`, among `candidates` when given (else all of them). */
  private closeWhere(
    matches: (owner: ConnectionOwner) => boolean,
    code: number,
    reason: string,
    candidates: Iterable<C> | undefined = this.open.keys(),
  ): void {
    // Copied first: closing removes connections from the collections being read.
    for (const connection of [...candidates]) {
      const owner = this.open.get(connection);
      if (owner && matches(owner)) connection.close(code, reason);
    }
  }
}
