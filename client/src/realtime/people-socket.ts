// The tab's one socket.io connection for people in the room (presence, typing, follow-me, and later notifications),
// shared by the library and the reader through a React context.
import { createContext, useContext } from "react";
import { io, type Socket } from "socket.io-client";
import {
  peopleProtocolVersion,
  peopleSocketPath,
  type ClientToServerEvents,
  type ServerToClientEvents,
} from "../../../shared/people-protocol.ts";

/** A socket typed by the shared event maps. */
export type PeopleSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/**
 * Opens the connection to this site's socket.io endpoint with the session cookie. socket.io retries a dropped
 * connection with exponential backoff (1 s doubling up to 30 s), each wait jittered by ±50 % so that a class whose
 * server restarted does not come back all at once.
 */
export function connectPeopleSocket(): PeopleSocket {
  return io({
    path: peopleSocketPath,
    transports: ["websocket"],
    auth: { protocol: peopleProtocolVersion },
    withCredentials: true,
    reconnectionDelay: 1_000,
    reconnectionDelayMax: 30_000,
    randomizationFactor: 0.5,
  });
}

/** The tab's socket while someone is signed in; null before it opens (and in tests that do not provide one). */
export const PeopleSocketContext = createContext<PeopleSocket | null>(null);

/** The tab's people socket, or null when there is none. */
export const usePeopleSocket = () => useContext(PeopleSocketContext);
