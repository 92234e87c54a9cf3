// Who is replying in which thread: "typing" signals from the room, each forgotten `typingExpiresMs` after its last
// renewal, kept outside React so that only the thread cards concerned re-render.
import { typingExpiresMs, type TypingDto } from "../../../shared/people-protocol.ts";

/** The names of those replying in a thread, in the order they started. */
export type Typists = readonly string[];

const nobody: Typists = [];

export interface TypingBoard {
  /** Takes a signal from the socket; `typing: false` removes its writer at once. */
  receive(signal: TypingDto): void;
  /** The names of those replying in `threadId` (the same array until it changes). */
  typists(threadId: string): Typists;
  /** Calls `listener` on every change; returns the unsubscribe function. */
  subscribe(listener: () => void): () => void;
  /** Forgets everyone and stops the timers (the room was left or the connection dropped). */
  clear(): void;
}

/** A board for one room that ignores the signals of `selfId` (this reader's other tabs). */
export function createTypingBoard(selfId: string): TypingBoard {
  // threadId → userId → name; a Map keeps the order in which writers started.
  const writers = new Map<string, Map<string, string>>();
  const timers = new Map<string, ReturnType<typeof setTimeout>>();
  const snapshots = new Map<string, Typists>();
  const listeners = new Set<() => void>();

  const changed = (threadId: string) => {
    const names = [...(writers.get(threadId)?.values() ?? [])];
    if (names.length > 0) snapshots.set(threadId, names);
    else snapshots.delete(threadId);
    for (const listener of listeners) listener();
  };
  const remove = (threadId: string, userId: string) => {
    const key = `${threadId}/${userId}`;
    clearTimeout(timers.get(key));
    timers.delete(key);
    const thread = writers.get(threadId);
    if (!thread?.delete(userId)) return;
    if (thread.size === 0) writers.delete(threadId);
    changed(threadId);
  };

  return {
    receive(signal) {
      if (signal.userId === selfId) return;
      if (!signal.typing) return remove(signal.threadId, signal.userId);
      const key = `${signal.threadId}/${signal.userId}`;
      clearTimeout(timers.get(key));
      timers.set(
        key,
        setTimeout(() => remove(signal.threadId, signal.userId), typingExpiresMs),
      );
      const thread = writers.get(signal.threadId) ?? new Map<string, string>();
      writers.set(signal.threadId, thread);
      if (thread.get(signal.userId) === signal.name) return;
      thread.set(signal.userId, signal.name);
      changed(signal.threadId);
    },
    typists: (threadId) => snapshots.get(threadId) ?? nobody,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    clear() {
      for (const timer of timers.values()) clearTimeout(timer);
      timers.clear();
      const threads = [...writers.keys()];
      writers.clear();
      for (const threadId of threads) changed(threadId);
    },
  };
}

/** "Ana is replying…", "Ana and Bo are replying…", "Ana, Bo and 2 others are replying…"; empty for nobody. */
export function typingText(names: Typists): string {
  if (names.length === 0) return "";
  if (names.length === 1) return `${names[0]} is replying…`;
  if (names.length === 2) return `${names[0]} and ${names[1]} are replying…`;
  const others = names.length - 2;
  return `${names[0]}, ${names[1]} and ${others} ${others === 1 ? "other" : "others"} are replying…`;
}
