// Room analytics: the sums Postgres returned (server/data/analytics.ts) laid out as the API's tables.
import type {
  ConfusionEntry,
  MemberAnalytics,
  ParagraphAnalytics,
  RoomAnalytics,
} from "../../shared/schemas/analytics.ts";
import type { Role } from "../../shared/schemas/groups.ts";
import type { ReactionRow, ReadingRow, WritingRow } from "../data/analytics.ts";

/** What presentRoomAnalytics lays out. */
export interface AnalyticsSums {
  scope: RoomAnalytics["scope"];
  from: Date | null;
  to: Date | null;
  recordsReadingTime: boolean;
  /** Whether the room has an assignment: without one, late work is null (nothing to be late for). */
  hasAssignment: boolean;
  /** The group's time zone, in which the day × hour table was counted. */
  timeZone: string;
  members: { userId: string; displayName: string; role: Role }[];
  blocks: { blockId: string; ordinal: number; excerpt: string }[];
  writing: WritingRow[];
  reactions: ReactionRow[];
  reading: ReadingRow[];
}

const latest = (...dates: (Date | null | undefined)[]): Date | null =>
  dates.reduce<Date | null>((max, date) => (date && (!max || date > max) ? date : max), null);

/** The rows of one grouping (`by`), by the key that grouping carries. */
function keyed<Row extends { by: string }>(rows: Row[], by: Row["by"], key: (row: Row) => string | null) {
  return new Map(rows.filter((row) => row.by === by).map((row) => [key(row)!, row]));
}

function presentMembers(sums: AnalyticsSums): MemberAnalytics[] {
  const writing = keyed(sums.writing, "author", (row) => row.authorId);
  const given = keyed(sums.reactions, "giver", (row) => row.userId);
  const received = keyed(sums.reactions, "receiver", (row) => row.userId);
  const reading = keyed(sums.reading, "reader", (row) => row.userId);
  return sums.members.map((member) => {
    const wrote = writing.get(member.userId);
    const read = reading.get(member.userId);
    const reacted = given.get(member.userId);
    return {
      ...member,
      threads: wrote?.threads ?? 0,
      replies: wrote?.replies ?? 0,
      words: wrote?.words ?? 0,
      reactionsGiven: reacted?.count ?? 0,
      reactionsReceived: received.get(member.userId)?.count ?? 0,
      questions: (wrote?.questionThreads ?? 0) + (wrote?.questionReplies ?? 0),
      hidden: wrote?.hidden ?? 0,
      readingSeconds: read?.seconds ?? 0,
      activeSeconds: read?.activeSeconds ?? 0,
      paragraphsRead: read?.distinct ?? 0,
      lastSeen: latest(wrote?.last, reacted?.last, read?.last)?.toISOString() ?? null,
      lateWork: sums.hasAssignment ? (wrote?.late ?? 0) : null,
    };
  });
}

interface BlockFigures extends ParagraphAnalytics {
  questionThreads: number;
  questionReplies: number;
  confusedReactions: number;
  excerpt: string;
}

/** Every block of the version in reading order, then blocks only threads still name (ordinal null). */
function blockFigures(sums: AnalyticsSums): BlockFigures[] {
  const writing = keyed(sums.writing, "block", (row) => row.blockId);
  const reading = keyed(sums.reading, "block", (row) => row.blockId);
  const confused = keyed(sums.reactions, "block", (row) => row.blockId);
  const known = new Set(sums.blocks.map((block) => block.blockId));
  const detached = [...new Set([...writing.keys(), ...reading.keys(), ...confused.keys()])]
    .filter((blockId) => !known.has(blockId))
    .sort()
    .map((blockId) => ({ blockId, ordinal: null, excerpt: "" }));
  return [...sums.blocks, ...detached].map(({ blockId, ordinal, excerpt }) => {
    const wrote = writing.get(blockId);
    const read = reading.get(blockId);
    const questionThreads = wrote?.questionThreads ?? 0;
    const questionReplies = wrote?.questionReplies ?? 0;
    return {
      blockId,
      ordinal,
      excerpt,
      threads: wrote?.threads ?? 0,
      replies: wrote?.replies ?? 0,
      questions: questionThreads + questionReplies,
      readers: read?.distinct ?? 0,
      readingSeconds: read?.seconds ?? 0,
      activeSeconds: read?.activeSeconds ?? 0,
      questionThreads,
      questionReplies,
      confusedReactions: confused.get(blockId)?.count ?? 0,
    };
  });
}

/** The paragraphs with questions, most first; ties in reading order. */
function presentConfusion(blocks: BlockFigures[]): ConfusionEntry[] {
  return blocks
    .map((block) => ({
      blockId: block.blockId,
      ordinal: block.ordinal,
      excerpt: block.excerpt,
      questionThreads: block.questionThreads,
      questionReplies: block.questionReplies,
      confusedReactions: block.confusedReactions,
      total: block.questionThreads + block.questionReplies + block.confusedReactions,
    }))
    .filter((entry) => entry.total > 0)
    .sort((a, b) => b.total - a.total);
}

function presentTimeline(writing: WritingRow[]): number[][] {
  const counts = Array.from({ length: 7 }, () => Array<number>(24).fill(0));
  for (const row of writing)
    if (row.by === "hour") counts[row.dow! - 1]![row.hour!] = row.threads + row.replies;
  return counts;
}

export function presentRoomAnalytics(sums: AnalyticsSums): RoomAnalytics {
  const blocks = blockFigures(sums);
  return {
    scope: sums.scope,
    from: sums.from?.toISOString() ?? null,
    to: sums.to?.toISOString() ?? null,
    recordsReadingTime: sums.recordsReadingTime,
    members: presentMembers(sums),
    paragraphs: blocks.map((block) => ({
      blockId: block.blockId,
      ordinal: block.ordinal,
      threads: block.threads,
      replies: block.replies,
      questions: block.questions,
      readers: block.readers,
      readingSeconds: block.readingSeconds,
      activeSeconds: block.activeSeconds,
    })),
    timeline: { timeZone: sums.timeZone, counts: presentTimeline(sums.writing) },
    confusion: presentConfusion(blocks),
  };
}
