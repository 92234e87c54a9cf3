// One socket.io connection of the people channel: the rooms it joined and the events it may send there (join,
// leave, where I am, typing, follow), each rate limited before any work, parsed by its shared schema, and checked
// against the sender's role, which is taken from the session and the membership, never from a payload.
import type { z } from "zod";
import {
  followJoinSchema,
  followLeadSchema,
  followLeaveSchema,
  presenceUpdateSchema,
  roomJoinSchema,
  roomLeaveSchema,
  typingRenewMs,
  typingSchema,
  type ClientToServerEvents,
  type FollowDto,
  type PresenceDto,
  type SocketErrorDto,
} from "../../../shared/people-protocol.ts";
import type { RoomScope } from "../../../shared/room-doc.ts";
import { AppError, notFound } from "../../domain/app-error.ts";
import { can } from "../../domain/policies.ts";
import type { ServiceContext } from "../../services/context.ts";
import { authorizeLead, mayLead } from "../../services/people/leading.ts";
import { isThreadHidden } from "../../services/people/thread-hidden.ts";
import { blockTexts } from "../../services/threads/block-texts.ts";
import { locateThread } from "../../services/threads/locate.ts";
import { loadRoomActor, type RoomActor } from "../../services/threads/load-room-actor.ts";
import type { PresenceHub } from "./presence-hub.ts";
import { presentPeople, type PresenceTab } from "./presence-room.ts";
import {
  followRoom,
  instructorsRoom,
  learnersRoom,
  presenceRoom,
  unveiledRoom,
  veiledRoom,
} from "./rooms.ts";
import { loadVeil } from "../../services/threads/load-veil.ts";
import type { SocketRate } from "./socket-rates.ts";
import type { PeopleSocket } from "./types.ts";

/** Thread scopes remembered per room; past this the oldest are forgotten. */
const maxThreadScopes = 2_000;
/** Threads whose last `typing` is remembered per socket; past this the memory is cleared (it only saves sends). */
const maxTypingThreads = 100;

/** A `typing` repeating the last one for the same thread within this many ms is not passed on again. */
const typingRepeatMs = typingRenewMs / 2;

type Refusal = SocketErrorDto;

const rateLimited: Refusal = {
  code: "rate_limited",
  message: "Too many events; slow down and try again in a few seconds.",
};

/** What a session needs from the server around it. */
export interface SessionHooks {
  /** An event failed on something other than a refusal (logged). */
  onError(error: unknown, event: string): void;
  /** The socket kept sending far past its rate limit: disconnect it. */
  onFlood(): void;
}

export class SocketSession {
  /** The rooms joined, with the sender's membership as last checked. */
  readonly joined = new Map<string, RoomActor>();
  /** The last `typing` passed on, by `${roomId}|${threadId}`: whether typing, and when (ms since the epoch). */
  private readonly typingSent = new Map<string, { typing: boolean; at: number }>();

  constructor(
    readonly socket: PeopleSocket,
    private readonly ctx: ServiceContext,
    private readonly hub: PresenceHub,
    private readonly rate: SocketRate,
    private readonly hooks: SessionHooks,
  ) {
    // Before any listener: an event over the limit is refused before it is parsed or answered more than once.
    socket.use((packet, next) => {
      if (this.admit(packet)) next();
    });
    this.handle("room.join", roomJoinSchema, ({ roomId }) => this.join(roomId));
    this.handle("room.leave", roomLeaveSchema, ({ roomId }) => this.leave(roomId));
    this.handle("presence.update", presenceUpdateSchema, (update) => this.move(update));
    this.handle("typing", typingSchema, (typing) => this.typing(typing));
    this.handle("follow.start", followLeadSchema, ({ roomId }) => this.lead(roomId));
    this.handle("follow.end", followLeadSchema, ({ roomId }) => this.endLead(roomId));
    this.handle("follow.join", followJoinSchema, ({ roomId, leaderId }) => this.follow(roomId, leaderId));
    this.handle("follow.leave", followLeaveSchema, ({ roomId }) => this.unfollow(roomId));
    socket.on("disconnect", () => {
      for (const roomId of [...this.joined.keys()]) this.leave(roomId);
    });
  }

  get userId(): string {
    return this.socket.data.userId;
  }

  /**
   * Checks the sender's membership of `roomId` again (their role changed or they were removed): a removed person
   * leaves the room and is told so; a changed role is re-scoped (instructors' threads, leading).
   */
  async recheck(roomId: string): Promise<void> {
    let actor: RoomActor;
    try {
      actor = await loadRoomActor(this.ctx, roomId, this.userId);
    } catch (error) {
      if (!(error instanceof AppError && error.code === "not_found")) throw error;
      if (!this.joined.has(roomId)) return;
      this.leave(roomId);
      this.socket.emit("room.closed", {
        roomId,
        code: "not_found",
        message: "You are no longer a member of this room's group.",
      });
      return;
    }
    if (!this.joined.has(roomId)) return;
    this.joined.set(roomId, actor);
    this.scope(roomId, actor);
    await this.veilScope(roomId, actor);
    const tab = this.tab(roomId);
    if (!tab) return;
    tab.role = actor.role;
    if (tab.threadScope === "instructors" && !can(actor, "room.readInstructorNotes")) {
      tab.threadId = null;
      tab.threadScope = null;
    }
    if (tab.leading && !(await mayLead(this.ctx, actor))) this.stopLeading(roomId, actor);
    this.hub.put(roomId, tab);
  }

  private async join(roomId: string): Promise<{ presence: PresenceDto }> {
    const actor = await loadRoomActor(this.ctx, roomId, this.userId);
    this.joined.set(roomId, actor);
    this.scope(roomId, actor);
    const veiled = await this.veilScope(roomId, actor);
    await this.socket.join(presenceRoom(roomId));
    const known = this.tab(roomId);
    const tab: PresenceTab = known ?? {
      socketId: this.socket.id,
      userId: this.userId,
      name: this.socket.data.name,
      role: actor.role,
      blockId: null,
      threadId: null,
      threadScope: null,
      idle: false,
      following: null,
      leading: false,
      activeAt: Date.now(),
    };
    this.hub.put(roomId, tab);
    const people = presentPeople(this.hub.room(roomId).people(), can(actor, "room.readInstructorNotes"));
    return {
      presence: { roomId, people: veiled ? people.map((person) => ({ ...person, threadId: null })) : people },
    };
  }

  /** Takes this tab out of the room; a leader's last tab leaving ends the follow-me. */
  private leave(roomId: string): void {
    const actor = this.joined.get(roomId);
    this.joined.delete(roomId);
    const tab = this.hub.remove(roomId, this.socket.id);
    for (const room of [...this.socket.rooms])
      if (room.startsWith(`room:${roomId}`) || room.startsWith(`follow:${roomId}:`))
        void this.socket.leave(room);
    const leadingElsewhere =
      this.hub
        .find(roomId)
        ?.tabsOf(this.userId)
        .some((other) => other.leading) ?? false;
    if (tab?.leading && actor && !leadingElsewhere) {
      this.announceEnd(roomId, actor);
    }
  }

  private async move(update: z.infer<typeof presenceUpdateSchema>): Promise<void> {
    const { actor, tab } = this.member(update.roomId);
    if (
      update.blockId !== null &&
      !(await blockTexts(this.ctx.db, actor.room.versionId)).has(update.blockId)
    ) {
      throw new AppError("validation_failed", "blockId does not name a block of this room's document.", [
        { field: "blockId", message: "does not name a block of this room's version" },
      ]);
    }
    const threadId = update.threadId === undefined ? tab.threadId : update.threadId;
    const threadScope = threadId === null ? null : await this.threadScope(actor, threadId);
    tab.blockId = update.blockId;
    tab.idle = update.idle ?? false;
    tab.threadId = threadId;
    tab.threadScope = threadScope;
    tab.activeAt = Date.now();
    this.hub.put(update.roomId, tab);
    if (tab.leading) this.tellFollowers(update.roomId, actor, tab);
  }

  private async typing(typing: z.infer<typeof typingSchema>): Promise<void> {
    const { actor } = this.member(typing.roomId);
    const scope = await this.threadScope(actor, typing.threadId);
    // Hidden words are the moderators' to read and answer: others are told the thread is not there, as in REST.
    const moderator = can(actor, "content.hide");
    const hidden = await isThreadHidden(this.ctx, actor.room.id, scope, typing.threadId);
    if (hidden && !moderator) throw notFound("Thread");
    const isTyping = typing.typing ?? true;
    if (this.repeatsTyping(typing.roomId, typing.threadId, isTyping)) return;
    const to =
      scope === "instructors" || hidden ? instructorsRoom(typing.roomId) : presenceRoom(typing.roomId);
    // Those who do not see the class's threads yet are not told who writes where.
    this.socket.to(to).except(veiledRoom(typing.roomId)).emit("typing", {
      roomId: typing.roomId,
      threadId: typing.threadId,
      userId: this.userId,
      name: this.socket.data.name,
      typing: isTyping,
    });
  }

  /** Whether this `typing` says again what was passed on for the thread just before: it costs a room broadcast. */
  private repeatsTyping(roomId: string, threadId: string, typing: boolean): boolean {
    const key = `${roomId}|${threadId}`;
    const now = Date.now();
    const last = this.typingSent.get(key);
    if (last && last.typing === typing && now - last.at < typingRepeatMs) return true;
    // One entry per thread the person typed in during this connection: few, but bounded all the same.
    if (!last && this.typingSent.size >= maxTypingThreads) this.typingSent.clear();
    this.typingSent.set(key, { typing, at: now });
    return false;
  }

  private async lead(roomId: string): Promise<void> {
    const { actor } = this.member(roomId);
    await authorizeLead(this.ctx, actor);
    for (const tab of this.hub.room(roomId).tabsOf(this.userId)) {
      if (tab.following) void this.socket.leave(followRoom(roomId, tab.following));
      tab.leading = true;
      tab.following = null;
      this.hub.put(roomId, tab);
    }
    this.socket.nsp.to(presenceRoom(roomId)).emit("follow.started", this.followDto(roomId, actor));
  }

  private endLead(roomId: string): void {
    const { actor } = this.member(roomId);
    this.stopLeading(roomId, actor);
  }

  private stopLeading(roomId: string, actor: RoomActor): void {
    const tabs = this.hub.room(roomId).tabsOf(this.userId);
    if (!tabs.some((tab) => tab.leading)) return;
    for (const tab of tabs) {
      tab.leading = false;
      this.hub.put(roomId, tab);
    }
    this.announceEnd(roomId, actor);
  }

  private announceEnd(roomId: string, actor: RoomActor): void {
    this.socket.nsp.to(presenceRoom(roomId)).emit("follow.ended", this.followDto(roomId, actor));
  }

  private async follow(roomId: string, leaderId: string): Promise<void> {
    const { tab } = this.member(roomId);
    const leader = this.hub
      .room(roomId)
      .people()
      .find((person) => person.userId === leaderId);
    if (!leader?.leading || leaderId === this.userId) {
      throw new AppError(
        "not_found",
        "Nobody by this id is leading in this room; ask the leader to start again.",
      );
    }
    if (tab.following) await this.socket.leave(followRoom(roomId, tab.following));
    tab.following = leaderId;
    tab.leading = false;
    await this.socket.join(followRoom(roomId, leaderId));
    this.hub.put(roomId, tab);
    const seesAll = can(this.joined.get(roomId)!, "room.readInstructorNotes");
    this.socket.emit("follow.moved", {
      roomId,
      leaderId,
      leaderName: leader.name,
      blockId: leader.blockId,
      threadId: leader.threadScope === "instructors" && !seesAll ? null : leader.threadId,
    });
  }

  private async unfollow(roomId: string): Promise<void> {
    const { tab } = this.member(roomId);
    if (tab.following) await this.socket.leave(followRoom(roomId, tab.following));
    tab.following = null;
    this.hub.put(roomId, tab);
  }

  /** The leader moved: followers go along; those who may not see an instructors' thread are not told its id. */
  private tellFollowers(roomId: string, actor: RoomActor, tab: PresenceTab): void {
    const moved = { ...this.followDto(roomId, actor), blockId: tab.blockId, threadId: tab.threadId };
    const followers = () => this.socket.nsp.to(followRoom(roomId, this.userId));
    // Followers who do not see the class's threads yet (hide until posted) follow the paragraphs only.
    followers()
      .except(unveiledRoom(roomId))
      .emit("follow.moved", { ...moved, threadId: null });
    if (tab.threadScope !== "instructors")
      return void followers().except(veiledRoom(roomId)).emit("follow.moved", moved);
    followers().except(learnersRoom(roomId)).except(veiledRoom(roomId)).emit("follow.moved", moved);
    followers()
      .except(instructorsRoom(roomId))
      .except(veiledRoom(roomId))
      .emit("follow.moved", { ...moved, threadId: null });
  }

  private followDto(roomId: string, actor: RoomActor): FollowDto {
    return { roomId, leaderId: this.userId, leaderName: actor.displayName };
  }

  /** Puts the socket in the room's instructors' or learners' socket.io room, as its role says. */
  private scope(roomId: string, actor: RoomActor): void {
    const instructor = can(actor, "room.readInstructorNotes");
    void this.socket.join(instructor ? instructorsRoom(roomId) : learnersRoom(roomId));
    void this.socket.leave(instructor ? learnersRoom(roomId) : instructorsRoom(roomId));
  }

  /**
   * Puts the socket in the room's veiled or unveiled socket.io room, as hide-until-posted says for the sender now.
   * Awaited: an event broadcast to the room right after must already see the socket where it belongs.
   */
  private async veilScope(roomId: string, actor: RoomActor): Promise<boolean> {
    const veiled = (await loadVeil(this.ctx, actor)) !== undefined;
    await this.socket.join(veiled ? veiledRoom(roomId) : unveiledRoom(roomId));
    await this.socket.leave(veiled ? unveiledRoom(roomId) : veiledRoom(roomId));
    return veiled;
  }

  private tab(roomId: string): PresenceTab | undefined {
    return this.hub.find(roomId)?.tabs.get(this.socket.id);
  }

  /** The sender's membership and tab in a room they joined; not_found when they did not join it. */
  private member(roomId: string): { actor: RoomActor; tab: PresenceTab } {
    const actor = this.joined.get(roomId);
    const tab = this.tab(roomId);
    if (!actor || !tab) throw new AppError("not_found", "Join the room first (room.join).");
    return { actor, tab };
  }

  /**
   * Where a thread of the room lives; not_found when it does not exist or the actor may not see it. Scopes found
   * are remembered for the room (a thread's visibility never changes); who may see them is checked every time.
   */
  private async threadScope(actor: RoomActor, threadId: string): Promise<RoomScope> {
    const scopes = this.hub.room(actor.room.id).threadScopes;
    const known = scopes.get(threadId);
    if (known === "instructors" && !can(actor, "room.readInstructorNotes")) throw notFound("Thread");
    if (known) return known;
    const scope = await locateThread(this.ctx, actor, threadId);
    if (scopes.size >= maxThreadScopes) scopes.delete(scopes.keys().next().value!);
    scopes.set(threadId, scope);
    return scope;
  }

  /**
   * The rate limit, for every inbound packet before its listener runs; false: the packet is dropped. The client's
   * acknowledgement, if it asked for one, is always answered (it waits on it); without one, the first refusal of a
   * window goes out as `error.event` and the others unanswered; a socket that keeps flooding is cut off.
   */
  private admit(packet: unknown[]): boolean {
    const admission = this.rate.admit();
    if (admission === "accept") return true;
    if (admission === "cutOff") {
      this.hooks.onFlood();
      return false;
    }
    const ack = packet.at(-1);
    if (typeof ack === "function") (ack as (result: unknown) => void)({ ok: false, error: rateLimited });
    else if (this.rate.tellOnce())
      this.socket.emit("error.event", { ...rateLimited, event: String(packet[0]) });
    return false;
  }

  /**
   * Listens to `event`: parsed by `schema`, answered through the acknowledgement when the client asked for one,
   * else refusals go out as `error.event`.
   */
  private handle<S extends z.ZodType>(
    event: keyof ClientToServerEvents,
    schema: S,
    run: (payload: z.infer<S>) => Promise<object | void> | object | void,
  ): void {
    const listener = (payload: unknown, ack?: unknown) => {
      const answer = (result: { ok: true } | { ok: false; error: Refusal }) => {
        if (typeof ack === "function") (ack as (result: unknown) => void)(result);
        else if (!result.ok) this.socket.emit("error.event", { ...result.error, event });
      };
      const parsed = schema.safeParse(payload);
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        const where = issue && issue.path.length > 0 ? `${issue.path.join(".")}: ` : "";
        return answer({
          ok: false,
          error: {
            code: "validation_failed",
            message: `${event}: ${where}${issue?.message ?? "invalid payload"}`,
          },
        });
      }
      Promise.resolve()
        .then(() => run(parsed.data))
        .then(
          (result) => answer({ ok: true, ...(result ?? {}) }),
          (error: unknown) => {
            if (error instanceof AppError)
              return answer({ ok: false, error: { code: error.code, message: error.message } });
            this.hooks.onError(error, event);
            answer({ ok: false, error: { code: "internal", message: "The server failed; try again." } });
          },
        );
    };
    this.socket.on(event, listener as never);
  }
}
