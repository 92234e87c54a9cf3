// The people socket comes back after the server closed it on purpose (a restart, an access change), but not after
// a sign-out or once the tab closed it.
import { EventEmitter } from "node:events";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { SocketErrorDto } from "../../../shared/people-protocol.ts";
import {
  closePeopleSocket,
  reconnectAfterServerClose,
  reconnectWhenOnline,
  type PeopleSocket,
} from "./people-socket.ts";

function fakeSocket() {
  const events = new EventEmitter();
  const socket = {
    connected: true,
    connect: vi.fn(() => undefined),
    disconnect: vi.fn(() => undefined),
    on: (event: string, listener: (...args: unknown[]) => void) => events.on(event, listener),
  };
  reconnectAfterServerClose(socket as unknown as PeopleSocket, () => 0.5);
  const closedByServer = (why?: SocketErrorDto) => {
    if (why) events.emit("connection.closing", why);
    socket.connected = false;
    events.emit("disconnect", "io server disconnect");
  };
  return { socket, events, closedByServer };
}

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe("the people socket after the server closed it", () => {
  it("reconnects after a restart, jittered past a second", () => {
    const { socket, closedByServer } = fakeSocket();
    closedByServer({ code: "unavailable", message: "Server restarting." });
    vi.advanceTimersByTime(1_400);
    expect(socket.connect).not.toHaveBeenCalled();
    vi.advanceTimersByTime(200);
    expect(socket.connect).toHaveBeenCalledTimes(1);
  });

  it("waits longer when it was closed for sending too much", () => {
    const { socket, closedByServer } = fakeSocket();
    closedByServer({ code: "rate_limited", message: "Too many." });
    vi.advanceTimersByTime(14_000);
    expect(socket.connect).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1_100);
    expect(socket.connect).toHaveBeenCalledTimes(1);
  });

  it("stays closed after a sign-out, when the tab closed it, or when socket.io reconnects by itself", () => {
    const signedOut = fakeSocket();
    signedOut.closedByServer({ code: "unauthenticated", message: "Signed out." });
    const closedHere = fakeSocket();
    closePeopleSocket(closedHere.socket as unknown as PeopleSocket);
    closedHere.closedByServer({ code: "unavailable", message: "Server restarting." });
    const dropped = fakeSocket();
    dropped.events.emit("disconnect", "transport close");
    vi.advanceTimersByTime(60_000);
    for (const { socket } of [signedOut, closedHere, dropped]) expect(socket.connect).not.toHaveBeenCalled();
  });
});

describe("the people socket when the device is back online", () => {
  function restartable(connected: boolean) {
    const socket = {
      connected,
      connect: vi.fn(() => socket),
      disconnect: vi.fn(() => socket),
      on: vi.fn(),
    };
    return socket;
  }

  it("starts again at once, dropping socket.io's pending retry, unless connected, closed for good or unsubscribed", () => {
    const scope = new EventTarget();
    const waiting = restartable(false);
    const connected = restartable(true);
    const closed = restartable(false);
    const unsubscribed = restartable(false);
    for (const socket of [waiting, connected, closed])
      reconnectWhenOnline(socket as unknown as PeopleSocket, scope);
    closePeopleSocket(closed as unknown as PeopleSocket);
    closed.disconnect.mockClear();
    reconnectWhenOnline(unsubscribed as unknown as PeopleSocket, scope)();
    scope.dispatchEvent(new Event("online"));
    expect(waiting.disconnect).toHaveBeenCalledTimes(1);
    expect(waiting.connect).toHaveBeenCalledTimes(1);
    expect(waiting.disconnect.mock.invocationCallOrder[0]).toBeLessThan(
      waiting.connect.mock.invocationCallOrder[0]!,
    );
    for (const socket of [connected, closed, unsubscribed]) {
      expect(socket.disconnect).not.toHaveBeenCalled();
      expect(socket.connect).not.toHaveBeenCalled();
    }
  });
});
