// socket.io-client connections to the people channel of a test server, as a browser tab would open them.
import { io, type Socket } from "socket.io-client";
import {
  peopleProtocolVersion,
  peopleSocketPath,
  type ClientToServerEvents,
  type ServerToClientEvents,
} from "../../shared/people-protocol.ts";

export type PeopleClient = Socket<ServerToClientEvents, ClientToServerEvents>;

/**
 * Opens a people-channel socket to `url` with `cookie` (and any other handshake headers) and resolves once it is
 * connected; rejects with the connect_error (its `data` holds the server's `{ code, message }`).
 */
export async function connectPeople(
  url: string,
  cookie: string | undefined,
  options: { headers?: Record<string, string>; protocol?: unknown } = {},
): Promise<PeopleClient> {
  const socket: PeopleClient = io(url, {
    path: peopleSocketPath,
    transports: ["websocket"],
    reconnection: false,
    forceNew: true,
    auth: { protocol: "protocol" in options ? options.protocol : peopleProtocolVersion },
    extraHeaders: { ...(cookie ? { cookie } : {}), ...options.headers },
  });
  await new Promise<void>((resolve, reject) => {
    socket.once("connect", () => resolve());
    socket.once("connect_error", (error) => {
      socket.close();
      reject(error);
    });
  });
  return socket;
}

/** The next `event` on `socket` whose payload passes `accept`; rejects after `timeoutMs`. */
export function nextEvent<E extends keyof ServerToClientEvents>(
  socket: PeopleClient,
  event: E,
  accept: (payload: Parameters<ServerToClientEvents[E]>[0]) => boolean = () => true,
  timeoutMs = 5_000,
): Promise<Parameters<ServerToClientEvents[E]>[0]> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      socket.off(event, listener as never);
      reject(new Error(`no ${event} within ${timeoutMs} ms`));
    }, timeoutMs);
    const listener = (payload: Parameters<ServerToClientEvents[E]>[0]) => {
      if (!accept(payload)) return;
      clearTimeout(timer);
      socket.off(event, listener as never);
      resolve(payload);
    };
    socket.on(event, listener as never);
  });
}

/** Every `event` received on `socket` from now on, for asserting that something did not arrive. */
export function collect<E extends keyof ServerToClientEvents>(
  socket: PeopleClient,
  event: E,
): Parameters<ServerToClientEvents[E]>[0][] {
  const seen: Parameters<ServerToClientEvents[E]>[0][] = [];
  socket.on(event, ((payload: Parameters<ServerToClientEvents[E]>[0]) => seen.push(payload)) as never);
  return seen;
}
