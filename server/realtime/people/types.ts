// The typed socket.io server and socket of the people channel.
import type { Server, Socket } from "socket.io";
import type {
  ClientToServerEvents,
  PeopleSocketData,
  ServerToClientEvents,
} from "../../../shared/people-protocol.ts";
import type { PresenceEntry } from "./presence-room.ts";

/** Between server processes (through the Redis adapter). */
export interface InterServerEvents {
  /** A process's people in a room (empty: none left); see presence-hub.ts. */
  "presence.announce": (serverId: string, roomId: string, people: PresenceEntry[]) => void;
  /** A group's settings changed on the process that sends this: its rooms' people are checked again. */
  "group.settingsChanged": (groupId: string) => void;
  /**
   * What a room shows someone changed on the process that sends this (hide until posted: a first thread, a setting):
   * each process tells its own access events, so that its sync and people connections are re-scoped too.
   */
  "room.viewChanged": (change: { roomId: string; userId?: string }) => void;
  /** A group's discussion sections changed on the process that sends this: each process tells its access events. */
  "group.sectionsChanged": (groupId: string) => void;
}

export type PeopleIo = Server<
  ClientToServerEvents,
  ServerToClientEvents,
  InterServerEvents,
  PeopleSocketData
>;
export type PeopleSocket = Socket<
  ClientToServerEvents,
  ServerToClientEvents,
  InterServerEvents,
  PeopleSocketData
>;
