// Every room's presence in this process: local tabs come and go and move, the merged lists go out coalesced to the
// sockets of this process, and (with several processes) each process announces its own tabs to the others.
//
// Why announcements rather than presence in Redis: each process already knows its sockets, so it sends its list of a
// room only when it changed (at most once per broadcast interval) plus a refresh every `announceEveryMs`; the others
// keep it until `announceTtlMs` passes without a refresh, so a crashed process's people leave within that time. No
// per-update Redis write, no read on the hot path, and each process sends its own sockets the merged list
// (io.local), which keeps one list per room per interval on each process whatever the number of processes.
import { randomUUID } from "node:crypto";
import type { FollowersDto } from "../../../shared/people-protocol.ts";
import type { ReadingTimeMeter } from "./reading-time-meter.ts";
import {
  PresenceRoom,
  presentPeople,
  standingOf,
  type PresenceEntry,
  type PresenceTab,
} from "./presence-room.ts";
import { followRoom, instructorsRoom, learnersRoom, veiledRoom } from "./rooms.ts";
import type { PeopleIo } from "./types.ts";

/** How often a process re-announces its tabs of each room to the others. */
export const announceEveryMs = 10_000;
/** How long another process's announcement stands without a refresh. */
export const announceTtlMs = 3 * announceEveryMs;

export class PresenceHub {
  readonly serverId = randomUUID();
  private readonly rooms = new Map<string, PresenceRoom>();
  /** Rooms whose local tabs changed since this process last announced them. */
  private readonly unannounced = new Set<string>();
  /** The followers last told to each leader, by room and leader. */
  private readonly followersSent = new Map<string, string>();
  private readonly refresh: NodeJS.Timeout;

  /** @param shared whether other processes share the rooms (the Redis adapter is in place). */
  constructor(
    private readonly io: PeopleIo,
    private readonly meter: ReadingTimeMeter,
    private readonly shared: () => boolean,
  ) {
    this.refresh = setInterval(() => {
      for (const room of this.rooms.values()) if (room.tabs.size > 0) this.announce(room);
    }, announceEveryMs);
    this.refresh.unref();
  }

  /** The room's presence, created on first use. */
  room(roomId: string): PresenceRoom {
    let room = this.rooms.get(roomId);
    if (!room) {
      room = new PresenceRoom(roomId, (changed) => this.send(changed));
      this.rooms.set(roomId, room);
    }
    return room;
  }

  /** The room's presence if anyone is known to be in it. */
  find(roomId: string): PresenceRoom | undefined {
    return this.rooms.get(roomId);
  }

  /** A tab enters the room, or changes: the list is sent and reading time counted from its new view. */
  put(roomId: string, tab: PresenceTab): void {
    const room = this.room(roomId);
    const before = room.tabs.get(tab.socketId);
    room.tabs.set(tab.socketId, tab);
    this.localChange(room, tab.userId, !before || standingOf(before) !== standingOf(tab));
  }

  /** A tab leaves the room (left, closed, disconnected, removed from the group). */
  remove(roomId: string, socketId: string): PresenceTab | undefined {
    const room = this.rooms.get(roomId);
    const tab = room?.tabs.get(socketId);
    if (!room || !tab) return undefined;
    room.tabs.delete(socketId);
    this.localChange(room, tab.userId);
    return tab;
  }

  /**
   * Marks a local change to `userId`'s tabs in `room`: reading time follows the tab that now speaks for them; the list
   * goes out at the faster pace when `urgent` (more than a move).
   */
  private localChange(room: PresenceRoom, userId: string, urgent = true): void {
    const speaker = room.tabsOf(userId)[0];
    this.meter.observe(room.roomId, userId, speaker ?? null, Date.now());
    this.unannounced.add(room.roomId);
    room.changed(urgent);
  }

  /** Another process announced its tabs of a room. */
  receive(serverId: string, roomId: string, people: PresenceEntry[]): void {
    if (serverId === this.serverId) return;
    if (people.length === 0 && !this.rooms.has(roomId)) return;
    this.room(roomId).setRemote(serverId, people, Date.now() + announceTtlMs);
  }

  /** Stops the refresh and broadcasts; tells the other processes this one's people are gone. */
  close(): void {
    clearInterval(this.refresh);
    // Every room: the sockets closed just before may have emptied a room whose list was not announced yet.
    for (const room of this.rooms.values()) {
      room.dispose();
      if (this.shared()) this.io.serverSideEmit("presence.announce", this.serverId, room.roomId, []);
    }
    this.rooms.clear();
  }

  private announce(room: PresenceRoom): void {
    this.unannounced.delete(room.roomId);
    if (this.shared())
      this.io.serverSideEmit("presence.announce", this.serverId, room.roomId, room.localPeople());
  }

  private send(room: PresenceRoom): void {
    const { roomId } = room;
    if (this.unannounced.has(roomId)) this.announce(room);
    const people = room.people();
    this.dropStaleFollowing(room, people);
    this.io.local
      .to(instructorsRoom(roomId))
      .emit("presence", { roomId, people: presentPeople(people, true) });
    this.io.local
      .to(learnersRoom(roomId))
      .except(veiledRoom(roomId))
      .emit("presence", { roomId, people: presentPeople(people, false) });
    // Who is here and at which paragraph, but not in which thread: those thread ids are the class's.
    this.io.local.to(veiledRoom(roomId)).emit("presence", {
      roomId,
      people: presentPeople(people, false).map((person) => ({ ...person, threadId: null })),
    });
    this.tellLeaders(room, people);
    if (room.empty) {
      room.dispose();
      this.rooms.delete(roomId);
    }
  }

  /** Local tabs following someone who no longer leads (ended, or left on another process) stop following. */
  private dropStaleFollowing(room: PresenceRoom, people: PresenceEntry[]): void {
    const leading = new Set(people.filter((person) => person.leading).map((person) => person.userId));
    for (const tab of room.tabs.values()) {
      if (tab.following === null || leading.has(tab.following)) continue;
      this.io.local.in(tab.socketId).socketsLeave(followRoom(room.roomId, tab.following));
      tab.following = null;
      const person = people.find((entry) => entry.userId === tab.userId);
      if (person && person.following !== null && !leading.has(person.following)) person.following = null;
    }
  }

  /** Each leader with a tab here hears who follows them, when that changed. */
  private tellLeaders(room: PresenceRoom, people: PresenceEntry[]): void {
    const leaders = new Set(
      people.filter((person) => person.leading).map((person) => `${room.roomId}|${person.userId}`),
    );
    for (const key of this.followersSent.keys())
      if (key.startsWith(`${room.roomId}|`) && !leaders.has(key)) this.followersSent.delete(key);
    for (const leader of people) {
      if (!leader.leading) continue;
      const leaderTabs = room.tabsOf(leader.userId);
      if (leaderTabs.length === 0) continue;
      const followers = people
        .filter((person) => person.following === leader.userId)
        .map((person) => ({ userId: person.userId, name: person.name }));
      const key = `${room.roomId}|${leader.userId}`;
      const said = followers.map((follower) => follower.userId).join(",");
      if (this.followersSent.get(key) === said) continue;
      this.followersSent.set(key, said);
      const notice: FollowersDto = { roomId: room.roomId, followers };
      for (const tab of leaderTabs) this.io.local.to(tab.socketId).emit("follow.followers", notice);
    }
  }
}
