// Thread filters (mine, open/resolved, tag, member, discussion section) and the counts shown beside each choice.
import type { ThreadRecord } from "../../../../shared/room-doc.ts";
import { matchesWords } from "../../../../shared/search-words.ts";

/** The bodies of a thread's replies the reader may read (readableReplyBodies), for the words filter. */
export type RepliesOf = (threadId: string) => readonly string[];
const noReplies: RepliesOf = () => [];

export interface Filters {
  mine: boolean;
  status: "all" | "open" | "resolved";
  tag: string | null;
  member: string | null;
  /** Words to find in the opening comment, the quoted passage, the tags, the author's name or the replies. */
  query: string;
  /** Threads started by this discussion section's members (instructors and owners, who read every section). */
  section: { id: string; memberIds: readonly string[] } | null;
}

export const noFilters: Filters = {
  mine: false,
  status: "all",
  tag: null,
  member: null,
  query: "",
  section: null,
};

/**
 * True when a thread passes every filter. The query matches when each of its words occurs in the thread, ignoring
 * case and Unicode form: the server's search rule, so the reader filters as a search of the room would find.
 */
export function matchesFilters(
  thread: ThreadRecord,
  filters: Filters,
  userId: string,
  replies: RepliesOf = noReplies,
): boolean {
  if (filters.mine && thread.authorId !== userId) return false;
  if (filters.status !== "all" && thread.status !== filters.status) return false;
  if (filters.tag && !thread.tags.includes(filters.tag)) return false;
  if (filters.member && thread.authorId !== filters.member) return false;
  if (filters.section && !filters.section.memberIds.includes(thread.authorId)) return false;
  return matchesQuery(thread, filters.query, replies);
}

const matchesQuery = (thread: ThreadRecord, query: string, replies: RepliesOf) =>
  !query.trim() || matchesWords({ ...thread, replies: replies(thread.id) }, query);

export interface FilterCounts {
  all: number;
  mine: number;
  open: number;
  resolved: number;
  tags: [string, number][];
  members: { id: string; name: string; count: number }[];
}

/**
 * How many threads each filter choice would show, counted over threads not deleted that the words of `query` find
 * (so the counts follow the search).
 */
export function countFilters(
  threads: readonly ThreadRecord[],
  userId: string,
  query = "",
  replies: RepliesOf = noReplies,
): FilterCounts {
  const tags = new Map<string, number>();
  const members = new Map<string, { id: string; name: string; count: number }>();
  let mine = 0;
  let open = 0;
  let all = 0;
  for (const thread of threads) {
    if (thread.deleted || !matchesQuery(thread, query, replies)) continue;
    all += 1;
    if (thread.authorId === userId) mine += 1;
    if (thread.status === "open") open += 1;
    for (const tag of thread.tags) tags.set(tag, (tags.get(tag) ?? 0) + 1);
    const member = members.get(thread.authorId) ?? { id: thread.authorId, name: thread.authorName, count: 0 };
    member.count += 1;
    members.set(thread.authorId, member);
  }
  return {
    all,
    mine,
    open,
    resolved: all - open,
    tags: [...tags].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])),
    members: [...members.values()].sort((a, b) => a.name.localeCompare(b.name)),
  };
}
