// Presence and follow-me over the people socket: joining (again after a reconnection), sending where this reader
// is, and the follow banner's states — offered, following, stepped out, rejoined, ended, leading.
import { act, cleanup, fireEvent, render, screen } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { PresencePerson } from "../../../shared/people-protocol.ts";
import { FollowBanner } from "../reader/people/FollowBanner.tsx";
import { createFakePeopleSocket, type FakePeopleSocket } from "../testing/fake-people-socket.ts";
import { buildPerson } from "../testing/people.ts";
import { useFollow, type GoTo } from "./use-follow.ts";
import type { PeopleSocket } from "./people-socket.ts";
import { moveGapMs, usePresence, type Place } from "./use-presence.ts";

afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

const roomId = "11111111-1111-4111-8111-111111111111";
const me = buildPerson("u-me", "Me");
const ana = (overrides: Partial<PresencePerson> = {}) => buildPerson("u-ana", "Ana", overrides);
const nowhere: Place = { blockId: null, threadId: null, idle: false };

function Harness(props: { socket: PeopleSocket; place: Place; goTo: GoTo }) {
  const people = usePresence(props.socket, roomId, props.place);
  const follow = useFollow(props.socket, roomId, "u-me", people, props.goTo);
  return (
    <>
      <p data-testid="people">{people.map((person) => person.name).join(",")}</p>
      <FollowBanner follow={follow} />
      <button type="button" onClick={follow.lead}>
        Follow me
      </button>
    </>
  );
}

const start = (fake: FakePeopleSocket, people: PresencePerson[] = [me], place = nowhere) => {
  fake.answer("room.join", () => ({ ok: true, presence: { roomId, people } }));
  const goTo = vi.fn<GoTo>();
  const view = render(<Harness socket={fake.socket} place={place} goTo={goTo} />);
  const rerender = (next: Place) => view.rerender(<Harness socket={fake.socket} place={next} goTo={goTo} />);
  return { goTo, view, rerender };
};
const events = (fake: FakePeopleSocket, name: string) =>
  fake.sent.filter((sent) => sent.event === name).map((sent) => sent.payload);

describe("usePresence", () => {
  it("joins the room, shows its people, and sends where this reader is", () => {
    const fake = createFakePeopleSocket();
    start(fake, [me, ana({ blockId: "p3" })], { blockId: "p1", threadId: null, idle: false });
    expect(events(fake, "room.join")).toEqual([{ roomId }]);
    expect(screen.getByTestId("people").textContent).toBe("Me,Ana");
    expect(events(fake, "presence.update")).toEqual([{ roomId, blockId: "p1", threadId: null, idle: false }]);
    act(() => fake.deliver("presence", { roomId, people: [me] }));
    act(() => fake.deliver("presence", { roomId: "another room", people: [] }));
    expect(screen.getByTestId("people").textContent).toBe("Me");
  });

  it("sends one move for a fast scroll, and a thread opened or stepping away at once", () => {
    vi.useFakeTimers();
    const fake = createFakePeopleSocket();
    const { rerender } = start(fake);
    rerender({ ...nowhere, blockId: "p1" });
    rerender({ ...nowhere, blockId: "p2" });
    rerender({ ...nowhere, blockId: "p3" });
    expect(events(fake, "presence.update")).toHaveLength(1);
    act(() => vi.advanceTimersByTime(moveGapMs));
    expect(events(fake, "presence.update").at(-1)).toMatchObject({ blockId: "p3" });
    expect(events(fake, "presence.update")).toHaveLength(2);
    rerender({ blockId: "p3", threadId: "t1", idle: false });
    rerender({ blockId: "p3", threadId: "t1", idle: true });
    expect(events(fake, "presence.update").slice(2)).toEqual([
      { roomId, blockId: "p3", threadId: "t1", idle: false },
      { roomId, blockId: "p3", threadId: "t1", idle: true },
    ]);
  });

  it("forgets the people when the connection drops, and joins again with its place after reconnecting", () => {
    const fake = createFakePeopleSocket();
    start(fake, [me, ana()], { blockId: "p2", threadId: null, idle: false });
    act(() => fake.setConnected(false));
    expect(screen.getByTestId("people").textContent).toBe("");
    act(() => fake.setConnected(true));
    expect(events(fake, "room.join")).toHaveLength(2);
    expect(screen.getByTestId("people").textContent).toBe("Me,Ana");
    expect(events(fake, "presence.update").at(-1)).toMatchObject({ blockId: "p2" });
  });

  it("forgets the people when the server takes this reader out of the room", () => {
    const fake = createFakePeopleSocket();
    start(fake, [me, ana()]);
    act(() =>
      fake.deliver("room.closed", { roomId, code: "not_found", message: "You are no longer in this group." }),
    );
    expect(screen.getByTestId("people").textContent).toBe("");
  });

  it("leaves the room on unmount", () => {
    const fake = createFakePeopleSocket();
    const { view } = start(fake);
    view.unmount();
    expect(events(fake, "room.leave")).toEqual([{ roomId }]);
  });
});

describe("follow me", () => {
  const banner = () => screen.queryByRole("region", { name: "Follow me" });

  it("offers a leader, follows to their place and moves, steps out, rejoins, and ends with the lead", () => {
    const fake = createFakePeopleSocket();
    const { goTo } = start(fake, [me, ana({ leading: true, blockId: "p7", threadId: "t9" })]);
    expect(banner()?.textContent).toBe("Ana is leading.Follow");

    // The server tells a new follower where the leader is before it answers.
    fake.answer("follow.join", () => {
      fake.deliver("follow.moved", {
        roomId,
        leaderId: "u-ana",
        leaderName: "Ana",
        blockId: "p7",
        threadId: "t9",
      });
      return { ok: true };
    });
    fireEvent.click(screen.getByRole("button", { name: "Follow" }));
    expect(events(fake, "follow.join")).toEqual([{ roomId, leaderId: "u-ana" }]);
    expect(goTo).toHaveBeenLastCalledWith({ blockId: "p7", threadId: "t9" });
    expect(banner()?.textContent).toBe("Following Ana. Esc steps out.Stop following");

    act(() =>
      fake.deliver("follow.moved", {
        roomId,
        leaderId: "u-ana",
        leaderName: "Ana",
        blockId: "p12",
        threadId: null,
      }),
    );
    expect(goTo).toHaveBeenLastCalledWith({ blockId: "p12", threadId: null });

    fireEvent.click(screen.getByRole("button", { name: "Stop following" }));
    expect(events(fake, "follow.leave")).toEqual([{ roomId }]);
    expect(banner()?.textContent).toBe("You stepped out of Ana's lead.Rejoin");
    act(() =>
      fake.deliver("follow.moved", {
        roomId,
        leaderId: "u-ana",
        leaderName: "Ana",
        blockId: "p13",
        threadId: null,
      }),
    );
    expect(goTo).toHaveBeenCalledTimes(2);

    fireEvent.click(screen.getByRole("button", { name: "Rejoin" }));
    expect(banner()?.textContent).toBe("Following Ana. Esc steps out.Stop following");

    act(() => fake.deliver("follow.ended", { roomId, leaderId: "u-ana", leaderName: "Ana" }));
    expect(banner()).toBeNull();
  });

  it("shows the leader who follows, and ends the lead", () => {
    const fake = createFakePeopleSocket();
    start(fake, [me, ana()]);
    expect(banner()).toBeNull();
    fireEvent.click(screen.getByRole("button", { name: "Follow me" }));
    expect(events(fake, "follow.start")).toEqual([{ roomId }]);
    expect(banner()?.textContent).toBe("You are leading. Nobody follows yet.End follow me");
    act(() => fake.deliver("follow.followers", { roomId, followers: [{ userId: "u-ana", name: "Ana" }] }));
    expect(banner()?.textContent).toBe("You are leading. 1 following: Ana.End follow me");
    fireEvent.click(screen.getByRole("button", { name: "End follow me" }));
    expect(events(fake, "follow.end")).toEqual([{ roomId }]);
    expect(banner()).toBeNull();
  });

  it("says why the server refused, and offers Rejoin after a dropped connection", () => {
    const fake = createFakePeopleSocket();
    fake.answer("follow.start", () => ({
      ok: false,
      error: { code: "forbidden", message: "Only instructors and owners lead in this group." },
    }));
    start(fake, [me, ana({ leading: true })]);
    fireEvent.click(screen.getByRole("button", { name: "Follow me" }));
    expect(banner()?.textContent).toContain("Only instructors and owners lead in this group.");
    fake.answer("follow.join", () => ({
      ok: false,
      error: { code: "not_found", message: "Nobody by this id is leading in this room." },
    }));
    fireEvent.click(screen.getByRole("button", { name: "Follow" }));
    expect(banner()?.textContent).toBe("Ana is leading. Nobody by this id is leading in this room.Follow");
    fake.answer("follow.join", () => ({ ok: true }));
    fireEvent.click(screen.getByRole("button", { name: "Follow" }));
    act(() => fake.setConnected(false));
    expect(banner()?.textContent).toBe("You stepped out of Ana's lead.Rejoin");
  });
});
