// The tab's one socket.io connection for people in the room (presence, typing, follow-me, and later notifications),
// shared by the library and the reader through a React context.
import { createContext, useContext } from "react";
import { io, type Socket } from "socket.io-client";
import {
  peopleProtocolVersion,
  peopleSocketPath,
  type ClientToServerEvents,
  type ServerToClientEvents,
  type SocketErrorDto,
} from "../../../shared/people-protocol.ts";

/** A socket typed by the shared event maps. */
export type PeopleSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/**
 * Opens the connection to this site's socket.io endpoint with the session cookie. socket.io retries a dropped
 * connection with exponential backoff (1 s doubling up to 30 s), each wait jittered by ±50 % so that a class whose
 * server restarted does not come back all at once.
 */
export function connectPeopleSocket(): PeopleSocket {
  const socket: PeopleSocket = io({
    path: peopleSocketPath,
    transports: ["websocket"],
    auth: { protocol: peopleProtocolVersion },
    withCredentials: true,
    reconnectionDelay: 1_000,
    reconnectionDelayMax: 30_000,
    randomizationFactor: 0.5,
  });
  reconnectAfterServerClose(socket);
  untilClosed.set(socket, reconnectWhenOnline(socket));
  return socket;
}

/** The part of a socket that reconnectAfterServerClose uses. */
type ClosableSocket = Pick<PeopleSocket, "on" | "connect" | "connected">;

const stopped = new WeakSet<ClosableSocket>();
/** What to stop listening to once a socket is closed for good. */
const untilClosed = new WeakMap<ClosableSocket, () => void>();

/** Closes the socket for good: no reconnection is attempted afterwards. */
export function closePeopleSocket(socket: PeopleSocket): void {
  stopped.add(socket);
  untilClosed.get(socket)?.();
  socket.disconnect();
}

/** The part of a socket that reconnectWhenOnline uses. */
type RestartableSocket = ClosableSocket & Pick<PeopleSocket, "disconnect">;

/**
 * socket.io knows nothing of the device's network: back online after a long while, its backoff may still wait up to
 * 30 s, while the document's sync reconnects at once and the reader looks alone in the room. On the browser's
 * `online` event a socket that is not connected starts again now: disconnect() drops the pending retry (with no
 * "disconnect" event, as it was not connected), connect() opens afresh. Returns the function that stops listening.
 */
export function reconnectWhenOnline(
  socket: RestartableSocket,
  scope: Pick<EventTarget, "addEventListener" | "removeEventListener"> = globalThis,
): () => void {
  const online = () => {
    if (!stopped.has(socket) && !socket.connected) socket.disconnect().connect();
  };
  scope.addEventListener("online", online);
  return () => scope.removeEventListener("online", online);
}

/**
 * socket.io does not reconnect a socket the server disconnected on purpose. The server says why just before
 * ("connection.closing"): a server restarting (the load balancer sends the next connection to another server), the
 * reader's access changed (checked again on reconnecting) or too many messages. All but a signed-out session
 * reconnect, after 1–2 s (10–20 s when rate limited), jittered so that a class whose server restarted does not
 * come back at once.
 */
export function reconnectAfterServerClose(socket: ClosableSocket, random = Math.random): void {
  let closing: SocketErrorDto | undefined;
  socket.on("connection.closing", (why) => (closing = why));
  socket.on("disconnect", (reason) => {
    const why = closing;
    closing = undefined;
    if (reason !== "io server disconnect" || why?.code === "unauthenticated") return;
    const baseMs = why?.code === "rate_limited" ? 10_000 : 1_000;
    setTimeout(
      () => {
        if (!stopped.has(socket) && !socket.connected) socket.connect();
      },
      baseMs * (1 + random()),
    );
  });
}

/** The tab's socket while someone is signed in; null before it opens (and in tests that do not provide one). */
export const PeopleSocketContext = createContext<PeopleSocket | null>(null);

/** The tab's people socket, or null when there is none. */
export const usePeopleSocket = () => useContext(PeopleSocketContext);
