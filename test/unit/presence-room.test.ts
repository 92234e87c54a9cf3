// The pace of a room's presence lists: a second apart in small rooms, longer as the room grows (more so when people
// only moved), so that each tab's share of lists stays bounded.
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import {
  PresenceRoom,
  presenceBroadcastMs,
  presenceMoveBroadcastMs,
  type PresenceTab,
} from "../../server/realtime/people/presence-room.ts";

const tab = (index: number): PresenceTab => ({
  socketId: `s${index}`,
  userId: `u${index}`,
  name: `Reader ${index}`,
  role: "member",
  blockId: null,
  threadId: null,
  threadScope: null,
  idle: false,
  following: null,
  leading: false,
  activeAt: index,
});

describe("presence broadcasts", () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it("spaces lists by a second up to 125 people, by 8 ms a person beyond, and by 4 s at most", () => {
    expect([0, 1, 125, 126, 200, 500, 501, 10_000].map(presenceBroadcastMs)).toEqual([
      1_000, 1_000, 1_000, 1_008, 1_600, 4_000, 4_000, 4_000,
    ]);
  });

  it("spaces lists after moves only by a second up to 50 people, by 20 ms a person beyond, and by 10 s at most", () => {
    expect([0, 50, 51, 200, 500, 501, 10_000].map(presenceMoveBroadcastMs)).toEqual([
      1_000, 1_000, 1_020, 4_000, 10_000, 10_000, 10_000,
    ]);
  });

  it("sends moves at their pace, and brings the list forward when someone's standing changes", () => {
    const sent: number[] = [];
    const room = new PresenceRoom("r", () => sent.push(Date.now()));
    for (let index = 0; index < 500; index += 1) room.tabs.set(`s${index}`, tab(index));
    const start = Date.now();
    room.changed(false);
    vi.advanceTimersByTime(0);
    room.changed(false);
    vi.advanceTimersByTime(3_000);
    expect(sent).toEqual([start]);
    room.changed(true);
    vi.advanceTimersByTime(1_000);
    expect(sent).toEqual([start, start + 4_000]);
    room.changed(false);
    vi.advanceTimersByTime(9_999);
    expect(sent).toHaveLength(2);
    vi.advanceTimersByTime(1);
    expect(sent).toEqual([start, start + 4_000, start + 14_000]);
    room.dispose();
  });

  it("sends the first change at once and coalesces the next ones to one list per interval of the room's size", () => {
    const sent: number[] = [];
    const room = new PresenceRoom("r", () => sent.push(Date.now()));
    for (let index = 0; index < 200; index += 1) room.tabs.set(`s${index}`, tab(index));
    const start = Date.now();
    room.changed();
    vi.advanceTimersByTime(0);
    expect(sent).toEqual([start]);
    for (let step = 0; step < 10; step += 1) {
      room.changed();
      vi.advanceTimersByTime(100);
    }
    expect(sent).toEqual([start]);
    vi.advanceTimersByTime(600);
    expect(sent).toEqual([start, start + 1_600]);
    room.dispose();
  });

  it("counts other processes' people in the room's size", () => {
    const room = new PresenceRoom("r", () => undefined);
    room.tabs.set("s1", tab(1));
    room.setRemote(
      "other",
      [
        { ...tab(2), tabs: 1 },
        { ...tab(3), tabs: 1 },
      ],
      Date.now() + 30_000,
    );
    expect(room.size).toBe(3);
    room.dispose();
  });
});
