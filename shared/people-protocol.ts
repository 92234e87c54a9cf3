// The socket.io protocol for people in a room (presence, typing, follow-me, notifications): event maps typed on both
// sides, one zod schema per inbound payload, and the timings both sides agree on.
import { z } from "zod";
import type { Role } from "./schemas/groups.ts";
import type { NotificationDto, NotificationsReadDto } from "./schemas/notifications.ts";

/** Sent by the client in the handshake's `auth`; a server speaking another version refuses with `protocol_version`. */
export const peopleProtocolVersion = 1;

/** Where socket.io listens (the engine's path; the client's `path` option). */
export const peopleSocketPath = "/socket.io";

/** Largest socket.io message the server reads (engine.io's `maxHttpBufferSize`): every inbound event is tiny. */
export const peopleMaxMessageBytes = 8 * 1024;

/** A reader without input (or with the tab hidden) for this long is shown idle. */
export const idleAfterMs = 3 * 60_000;

/** "X is replying…" lasts this long after the last `typing` unless renewed; clients renew every `typingRenewMs`. */
export const typingExpiresMs = 6_000;
export const typingRenewMs = 3_000;

/** socket.io's heartbeat: a connection silent for `pingIntervalMs + pingTimeoutMs` is dropped. */
export const peoplePingIntervalMs = 10_000;
export const peoplePingTimeoutMs = 5_000;

/** Ids in any case are read in lower case, as REST and the database spell them: one room is one presence room. */
const uuid = z.uuid({ message: "must be a UUID" }).toLowerCase();
/** Block (paragraph) anchor ids are short strings made by the importer. */
const blockId = z.string().min(1).max(64);

export const roomJoinSchema = z.strictObject({ roomId: uuid });
export const roomLeaveSchema = z.strictObject({ roomId: uuid });
/**
 * Where the reader is: the paragraph in view (null: none, e.g. the page is scrolled past the text), whether the
 * person is idle (no input for `idleAfterMs`, or the tab hidden), and the thread they have open (null: none).
 */
export const presenceUpdateSchema = z.strictObject({
  roomId: uuid,
  blockId: blockId.nullable(),
  idle: z.boolean().optional(),
  threadId: uuid.nullable().optional(),
});
/** The person is writing a reply in `threadId`; `typing: false` says they stopped (sent or cleared). */
export const typingSchema = z.strictObject({ roomId: uuid, threadId: uuid, typing: z.boolean().optional() });
/** A leader starts or ends "follow me" in a room. */
export const followLeadSchema = z.strictObject({ roomId: uuid });
/** A reader follows `leaderId` (who must be leading in the room), or stops following. */
export const followJoinSchema = z.strictObject({ roomId: uuid, leaderId: uuid });
export const followLeaveSchema = z.strictObject({ roomId: uuid });

export type RoomJoin = z.infer<typeof roomJoinSchema>;
export type PresenceUpdate = z.infer<typeof presenceUpdateSchema>;
export type Typing = z.infer<typeof typingSchema>;

/** One person in a room, however many tabs they have open (the most recently active tab speaks for them). */
export interface PresencePerson {
  userId: string;
  name: string;
  role: Role;
  /** The paragraph in view, or null. */
  blockId: string | null;
  /** The thread open, or null. */
  threadId: string | null;
  idle: boolean;
  /** Open tabs (sockets) of this person in the room. */
  tabs: number;
  /** Whom they follow, or null. */
  following: string | null;
  /** Whether they are leading a "follow me". */
  leading: boolean;
}

export interface PresenceDto {
  roomId: string;
  people: PresencePerson[];
}

export interface TypingDto {
  roomId: string;
  threadId: string;
  userId: string;
  name: string;
  typing: boolean;
}

export interface FollowDto {
  roomId: string;
  leaderId: string;
  leaderName: string;
}

/** Where a leader is, sent to followers: they scroll to `blockId` and open `threadId`. */
export interface FollowMovedDto extends FollowDto {
  blockId: string | null;
  threadId: string | null;
}

export interface FollowersDto {
  roomId: string;
  followers: { userId: string; name: string }[];
}

/**
 * A refusal: the REST API's error codes (shared/errors.ts), plus "protocol_version" (the client speaks another
 * version of this protocol: reload the page).
 */
export interface SocketErrorDto {
  code: string;
  message: string;
}

/** Every acknowledgement: done, or refused with the REST API's error shape. */
export type Ack<T = Record<string, never>> = ({ ok: true } & T) | { ok: false; error: SocketErrorDto };

export interface ClientToServerEvents {
  "room.join": (payload: RoomJoin, ack: (result: Ack<{ presence: PresenceDto }>) => void) => void;
  "room.leave": (payload: { roomId: string }, ack?: (result: Ack) => void) => void;
  "presence.update": (payload: PresenceUpdate) => void;
  typing: (payload: Typing) => void;
  "follow.start": (payload: { roomId: string }, ack?: (result: Ack) => void) => void;
  "follow.end": (payload: { roomId: string }, ack?: (result: Ack) => void) => void;
  "follow.join": (payload: { roomId: string; leaderId: string }, ack?: (result: Ack) => void) => void;
  "follow.leave": (payload: { roomId: string }, ack?: (result: Ack) => void) => void;
}

export interface ServerToClientEvents {
  presence: (payload: PresenceDto) => void;
  typing: (payload: TypingDto) => void;
  /** A leader started "follow me" (to everyone in the room). */
  "follow.started": (payload: FollowDto) => void;
  /** A leader ended it, or left (to everyone in the room). */
  "follow.ended": (payload: FollowDto) => void;
  /** The leader moved or opened a thread (to followers). */
  "follow.moved": (payload: FollowMovedDto) => void;
  /** Who follows (to the leader). */
  "follow.followers": (payload: FollowersDto) => void;
  notification: (payload: NotificationDto) => void;
  /** Some or all notifications were marked read, in any tab: every tab updates its list and count. */
  "notifications.read": (payload: NotificationsReadDto) => void;
  /** Refusals of events sent without an acknowledgement (a rate limit, a bad payload). */
  "error.event": (payload: SocketErrorDto & { event: string }) => void;
  /**
   * The server took the socket out of a room (the person was removed from the group): it is no longer listed there
   * and hears nothing more of it. `code` is "not_found".
   */
  "room.closed": (payload: SocketErrorDto & { roomId: string }) => void;
  /**
   * Sent just before the server disconnects the socket, saying why: "unauthenticated" (signed out, or the session
   * expired: do not reconnect until signed in again), "rate_limited" (the socket kept sending far past its rate
   * limit: wait a window before reconnecting) or "unavailable" (the server is restarting: reconnect).
   */
  "connection.closing": (payload: SocketErrorDto) => void;
}

/** What the server keeps on each socket, stamped at the handshake from the session (never from a payload). */
export interface PeopleSocketData {
  userId: string;
  name: string;
  sessionId: string;
}
