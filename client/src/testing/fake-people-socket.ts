// A stand-in for the people socket in component tests: records what the client sends, answers acknowledgements as
// told, and delivers server events (the real server is tested with real sockets in test/integration and test/e2e).
import type { Ack, ClientToServerEvents, ServerToClientEvents } from "../../../shared/people-protocol.ts";
import type { PeopleSocket } from "../realtime/people-socket.ts";

type Listener = (...args: never[]) => void;

export interface FakePeopleSocket {
  /** The socket to hand to the code under test. */
  socket: PeopleSocket;
  /** Every event the client sent, in order, without its acknowledgement. */
  sent: { event: keyof ClientToServerEvents; payload: unknown }[];
  /** How to acknowledge `event` (default: `{ ok: true }`). */
  answer(event: keyof ClientToServerEvents, reply: (payload: never) => Ack<object>): void;
  /** Delivers a server event to the client's listeners. */
  deliver<E extends keyof ServerToClientEvents>(event: E, ...args: Parameters<ServerToClientEvents[E]>): void;
  /** Connects (the client's "connect" listeners run) or drops the connection ("disconnect"). */
  setConnected(connected: boolean): void;
}

export function createFakePeopleSocket(connected = true): FakePeopleSocket {
  const listeners = new Map<string, Set<Listener>>();
  const answers = new Map<string, (payload: never) => Ack<object>>();
  const sent: FakePeopleSocket["sent"] = [];
  const fire = (event: string, ...args: unknown[]) => {
    for (const listener of [...(listeners.get(event) ?? [])])
      (listener as (...a: unknown[]) => void)(...args);
  };
  const socket = {
    connected,
    on(event: string, listener: Listener) {
      const set = listeners.get(event) ?? new Set();
      set.add(listener);
      listeners.set(event, set);
      return socket;
    },
    off(event: string, listener: Listener) {
      listeners.get(event)?.delete(listener);
      return socket;
    },
    emit(event: keyof ClientToServerEvents, payload: unknown, ack?: (result: Ack<object>) => void) {
      sent.push({ event, payload });
      ack?.(answers.get(event)?.(payload as never) ?? { ok: true });
      return socket;
    },
  };
  return {
    socket: socket as unknown as PeopleSocket,
    sent,
    answer: (event, reply) => answers.set(event, reply),
    deliver: (event, ...args) => fire(event, ...args),
    setConnected(next) {
      socket.connected = next;
      fire(next ? "connect" : "disconnect");
    },
  };
}
