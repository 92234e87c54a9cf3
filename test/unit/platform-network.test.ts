// The default network signal: the browser's online/offline events and navigator.onLine, and always online elsewhere.
import { describe, expect, it } from "vitest";
import { platformNetwork } from "../../shared/room-client/connection-watch.ts";

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
