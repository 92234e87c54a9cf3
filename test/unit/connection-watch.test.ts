// The connection watch's parts that need no server: the default network signal (the browser's online/offline events
// and navigator.onLine, always online elsewhere) and the jitter it gives y-websocket's reconnect waits.
import { describe, expect, it } from "vitest";
import WebSocket from "ws";
import { WebsocketProvider } from "y-websocket";
import * as Y from "yjs";
import { ConnectionWatch, platformNetwork } from "../../shared/room-client/connection-watch.ts";

describe("platformNetwork", () => {
  it("follows a window's online and offline events and navigator.onLine", () => {
    const window = Object.assign(new EventTarget(), { navigator: { onLine: false } });
    const network = platformNetwork(window);
    expect(network.online()).toBe(false);
    const heard: boolean[] = [];
    const unsubscribe = network.subscribe((online) => heard.push(online));
    window.dispatchEvent(new Event("online"));
    window.dispatchEvent(new Event("offline"));
    unsubscribe();
    window.dispatchEvent(new Event("online"));
    expect(heard).toEqual([true, false]);
  });

  it("is always online where there are no such events (Node)", () => {
    const network = platformNetwork({});
    expect(network.online()).toBe(true);
    expect(() => network.subscribe(() => undefined)()).not.toThrow();
  });
});

describe("reconnect waits", () => {
  it("are spread between half and all of y-websocket's exponential wait, up to the cap", () => {
    const provider = new WebsocketProvider("ws://127.0.0.1:9", "room", new Y.Doc(), {
      connect: false,
      WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    });
    const offline = { online: () => false, subscribe: () => () => undefined };
    const draws = [0, 0.5, 0.999];
    const watch = new ConnectionWatch(provider, {
      network: offline,
      silenceTimeoutMs: 10_000,
      checkEveryMs: 1_000,
      maxBackoffMs: 5_000,
      random: () => draws[0]!,
      onNetwork: () => undefined,
      onSilence: () => undefined,
    });
    const waits: number[] = [];
    for (const failures of [0, 1, 2, 6]) {
      for (const draw of [0, 0.5, 0.999]) {
        draws[0] = draw;
        provider.wsUnsuccessfulReconnects = failures;
        provider.emit("connection-close", [null, provider]);
        waits.push(Math.round(provider.maxBackoffTime));
      }
    }
    expect(waits).toEqual([100, 150, 200, 200, 300, 400, 400, 600, 800, 2_500, 3_750, 4_998]);
    watch.destroy();
    provider.destroy();
  });
});
