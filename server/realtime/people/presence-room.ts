// Who is in one room: this process's tabs plus the lists other server processes announce, merged into one entry per
// person (the most recently active tab speaks for them), and broadcast coalesced, at a pace that slows as the room
// grows (and slows more when people only moved).
import type { PresencePerson } from "../../../shared/people-protocol.ts";
import type { RoomScope } from "../../../shared/room-doc.ts";
import type { Role } from "../../../shared/schemas/groups.ts";

/** One person as a process announces them: the presence entry, when they were last active, and their thread's scope. */
export interface PresenceEntry extends PresencePerson {
  /** ms since the epoch of the last update of the tab that speaks for them. */
  activeAt: number;
  /** The scope of the thread they have open: an instructors' thread is hidden from other roles. */
  threadScope: RoomScope | null;
}

/** One tab (socket) of this process in the room. */
export interface PresenceTab {
  socketId: string;
  userId: string;
  name: string;
  role: Role;
  blockId: string | null;
  threadId: string | null;
  threadScope: RoomScope | null;
  idle: boolean;
  following: string | null;
  leading: boolean;
  activeAt: number;
}

/**
 * How long, at least, between two lists sent to a room of `count` people after someone joined, left, went idle or
 * changed whom they follow: a second, and longer as the room grows (8 ms a person), capped at 4 s so that a closed
 * tab still leaves everyone's list within 5 s.
 */
export function presenceBroadcastMs(count: number): number {
  return Math.min(4_000, Math.max(1_000, count * 8));
}

/**
 * The same after reading positions moved only: a second, 20 ms a person beyond 50 people, at most 10 s. Every tab
 * gets the whole list, so a fixed pace costs N² bytes a second: at 500 people and 1 s each reader decoded 93 KB a
 * second and document updates queued behind the lists (bench/people.ts, BENCHMARKS.md); at this pace a tab receives
 * about 10 KB/s of lists whatever the room's size, and a position is at most 10 s old in the largest rooms.
 */
export function presenceMoveBroadcastMs(count: number): number {
  return Math.min(10_000, Math.max(1_000, count * 20));
}

/** What about a person is more than where they read: a change to it is sent at the faster pace. */
export function standingOf(
  person: Pick<PresenceTab, "userId" | "idle" | "following" | "leading" | "role">,
): string {
  return `${person.userId} ${person.role} ${person.idle} ${person.following} ${person.leading}`;
}

export class PresenceRoom {
  readonly tabs = new Map<string, PresenceTab>();
  /** Other processes' entries for this room, by process id, until they expire (their process stopped). */
  private readonly remote = new Map<string, { people: PresenceEntry[]; expiresAt: number }>();
  /** Thread scopes already looked up (a thread's visibility never changes). */
  readonly threadScopes = new Map<string, RoomScope>();
  private timer: NodeJS.Timeout | undefined;
  private lastSentAt = 0;
  /** When the pending broadcast goes (ms since the epoch). */
  private dueAt = 0;

  /** @param send called with the merged list after a change, at the pace `changed()` describes. */
  constructor(
    readonly roomId: string,
    private readonly send: (room: PresenceRoom) => void,
  ) {}

  /** This process's tabs, one entry per person. */
  localPeople(): PresenceEntry[] {
    return merge([...this.tabs.values()].map((tab) => ({ ...tab, tabs: 1 })));
  }

  /** Everyone in the room, over every process, one entry per person. */
  people(now = Date.now()): PresenceEntry[] {
    const entries: PresenceEntry[] = [...this.tabs.values()].map((tab) => ({ ...tab, tabs: 1 }));
    for (const [serverId, { people, expiresAt }] of this.remote) {
      if (expiresAt < now) this.remote.delete(serverId);
      else entries.push(...people);
    }
    return merge(entries);
  }

  /** The local tabs of `userId`, most recently active first. */
  tabsOf(userId: string): PresenceTab[] {
    return [...this.tabs.values()]
      .filter((tab) => tab.userId === userId)
      .sort((a, b) => b.activeAt - a.activeAt);
  }

  /** Replaces another process's entries for this room, valid until `expiresAt`. */
  setRemote(serverId: string, people: PresenceEntry[], expiresAt: number): void {
    const before = this.remote.get(serverId)?.people ?? [];
    if (people.length === 0) this.remote.delete(serverId);
    else this.remote.set(serverId, { people, expiresAt });
    const standing = (entries: PresenceEntry[]) => entries.map(standingOf).join("\n");
    this.changed(standing(before) !== standing(people));
  }

  /** About how many people are in the room (tabs here plus other processes' people; cheap, not deduplicated). */
  get size(): number {
    let count = this.tabs.size;
    for (const { people } of this.remote.values()) count += people.length;
    return count;
  }

  /** Whether nothing is left to keep: no local tab, no other process's entries. */
  get empty(): boolean {
    return this.tabs.size === 0 && this.remote.size === 0;
  }

  /**
   * Schedules a broadcast, at once when none was sent for the pace, else when the pace is over: the pace of moves
   * (`presenceMoveBroadcastMs`) unless `urgent` (someone joined, left or changed standing: `presenceBroadcastMs`).
   */
  changed(urgent = true): void {
    const size = this.size;
    const pace = urgent ? presenceBroadcastMs(size) : presenceMoveBroadcastMs(size);
    const at = Math.max(Date.now(), this.lastSentAt + pace);
    if (this.timer && this.dueAt <= at) return;
    clearTimeout(this.timer);
    this.dueAt = at;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.lastSentAt = Date.now();
      this.send(this);
    }, at - Date.now());
    this.timer.unref();
  }

  /** Stops a pending broadcast (the room is dropped). */
  dispose(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
  }
}

/** One entry per person: the most recently active entry speaks, tabs are added up, leading if any tab leads. */
function merge(entries: PresenceEntry[]): PresenceEntry[] {
  const byUser = new Map<string, PresenceEntry>();
  for (const entry of entries) {
    const seen = byUser.get(entry.userId);
    if (!seen) {
      byUser.set(entry.userId, toEntry(entry));
      continue;
    }
    const speaker = entry.activeAt > seen.activeAt ? toEntry(entry) : seen;
    byUser.set(entry.userId, {
      ...speaker,
      tabs: seen.tabs + entry.tabs,
      leading: seen.leading || entry.leading,
    });
  }
  return [...byUser.values()].sort(
    (a, b) => a.name.localeCompare(b.name) || a.userId.localeCompare(b.userId),
  );
}

function toEntry(entry: PresenceEntry): PresenceEntry {
  return {
    userId: entry.userId,
    name: entry.name,
    role: entry.role,
    blockId: entry.blockId,
    threadId: entry.threadId,
    threadScope: entry.threadScope,
    idle: entry.idle,
    tabs: entry.tabs,
    following: entry.following,
    leading: entry.leading,
    activeAt: entry.activeAt,
  };
}

/** The list as sent: to those who may not see instructors' threads, such a thread is not named. */
export function presentPeople(people: PresenceEntry[], seesInstructorThreads: boolean): PresencePerson[] {
  return people.map(({ activeAt: _activeAt, threadScope, ...person }) =>
    threadScope === "instructors" && !seesInstructorThreads ? { ...person, threadId: null } : person,
  );
}
