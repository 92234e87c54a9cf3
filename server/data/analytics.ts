// The room's analytics, summed by Postgres from the rows (threads, replies, reactions, reading time): a handful of
// set-based statements whose results are a few rows per member, per block and per hour, whatever the room's size.
import { sqlOf } from "./clients.ts";
import type { Db } from "./db.ts";
import { utc } from "./sql.ts";
import type { Role } from "../../shared/schemas/groups.ts";

/** What the figures cover: the room, the thread scopes the viewer reads, one person or everyone, and a period. */
export interface AnalyticsFilter {
  roomId: string;
  /** Thread visibilities counted ("group", and "instructors" for instructors and owners). */
  visibilities: string[];
  /** Only this person's own activity (null: everyone's). */
  userId: string | null;
  from: Date | null;
  to: Date | null;
  /** The emoji that count as confusion. */
  confusedEmoji: readonly string[];
  /** The tag that makes a thread a question. */
  questionTag: string;
}

/**
 * A body "ends in a question mark" when its last question mark is followed only by closing punctuation, emphasis
 * marks or spaces ("Why?", "*why?*", "(why?)").
 */
const endsInQuestion = `~ '\\?[\\s"'')\\]*_”’»]*$'`;

/**
 * Threads and replies the figures count, one row each, with the block they are on. Deleted words count for nobody
 * (their author withdrew them); a reply in a deleted thread still counts. Instructor-only threads count only when
 * the viewer reads them ($2).
 */
const roomThreads = `
  room_threads AS (
    SELECT id, "blockId", "authorId", "createdAt", "deletedAt", "hiddenAt", body, tags, "importedAuthorName"
      FROM "Thread" WHERE "roomId" = $1::uuid AND visibility = ANY($2::text[])
  )`;
const writtenRows = `${roomThreads},
  written AS (
    SELECT 'thread' AS kind, t.id, t."blockId", t."authorId", t."createdAt", t."hiddenAt" IS NOT NULL AS hidden,
           ($6::text = ANY(t.tags) OR t.body ${endsInQuestion}) AS question, t.body,
           t."importedAuthorName" IS NULL AS own
      FROM room_threads t WHERE t."deletedAt" IS NULL
    UNION ALL
    SELECT 'reply', c.id, t."blockId", c."authorId", c."createdAt", c."hiddenAt" IS NOT NULL,
           c.body ${endsInQuestion}, c.body, c."importedAuthorName" IS NULL
      FROM "Comment" c JOIN room_threads t ON t.id = c."threadId" WHERE c."deletedAt" IS NULL
  )`;

/** The same threads and replies as reaction targets: who wrote them and on which block (no words read). */
const targetRows = `${roomThreads},
  targets AS (
    SELECT t.id, t."blockId", t."authorId" FROM room_threads t WHERE t."deletedAt" IS NULL
    UNION ALL
    SELECT c.id, t."blockId", c."authorId"
      FROM "Comment" c JOIN room_threads t ON t.id = c."threadId" WHERE c."deletedAt" IS NULL
  )`;

/** The period's bounds on a timestamp column holding UTC (Prisma's DateTime), whatever the session's zone. */
const inPeriod = (column: string) =>
  `($4::timestamptz IS NULL OR ${column} >= $4::timestamptz AT TIME ZONE 'UTC')
   AND ($5::timestamptz IS NULL OR ${column} <= $5::timestamptz AT TIME ZONE 'UTC')`;

/** $1 to $5 of the writing and reaction statements; $6 is each one's own (the question tag, the confused emoji). */
function parameters(filter: AnalyticsFilter, sixth: unknown): unknown[] {
  return [
    filter.roomId,
    filter.visibilities,
    filter.userId,
    filter.from && utc(filter.from),
    filter.to && utc(filter.to),
    sixth,
  ];
}

/** Writing summed per author, per block, and per (ISO day of week, hour in the group's zone), in one pass. */
export interface WritingRow {
  /** Which grouping the row belongs to. */
  by: "author" | "block" | "hour";
  authorId: string | null;
  blockId: string | null;
  /** 1 (Monday) to 7, in the group's time zone. */
  dow: number | null;
  hour: number | null;
  threads: number;
  replies: number;
  questionThreads: number;
  questionReplies: number;
  words: number;
  hidden: number;
  /** Written here (not imported) after the due date that applied to the author (domain/assignments.ts isLate). */
  late: number;
  last: Date | null;
}

/** `neverLate`: the roles whose words are never late (domain/assignments.ts neverLateRoles). */
export async function sumWriting(db: Db, filter: AnalyticsFilter, neverLate: Role[]): Promise<WritingRow[]> {
  const { rows } = await sqlOf(db).query<WritingRow>(
    `WITH ${writtenRows},
     -- Materialized: each row's words and question mark are read once, not once per grouping set.
     counted AS MATERIALIZED (
       SELECT kind, w."authorId", "blockId", w."createdAt", hidden, question, regexp_count(body, '\\S+') AS words,
              extract(isodow FROM local.at)::int AS dow, extract(hour FROM local.at)::int AS hour,
              -- Late as isLate says: strictly after the author's extension, else the room's due date; never for
              -- the group's teachers now ($7, the roles that set the work).
              (own AND w."createdAt" > coalesce(e."dueAt", a."dueAt")
                   AND NOT EXISTS (SELECT 1 FROM "Membership" m JOIN "Room" r ON r."groupId" = m."groupId"
                                    WHERE r.id = $1::uuid AND m."userId" = w."authorId"
                                      AND m.role::text = ANY($7::text[]))) AS late
         FROM written w
         LEFT JOIN "Assignment" a ON a."roomId" = $1::uuid
         LEFT JOIN "AssignmentExtension" e ON e."roomId" = $1::uuid AND e."userId" = w."authorId"
         -- The day and hour on the group's clocks (createdAt holds UTC).
         CROSS JOIN LATERAL (
           SELECT (w."createdAt" AT TIME ZONE 'UTC') AT TIME ZONE g."timeZone" AS at
             FROM "Room" r JOIN "Group" g ON g.id = r."groupId" WHERE r.id = $1::uuid
         ) local
        WHERE ($3::uuid IS NULL OR w."authorId" = $3::uuid) AND ${inPeriod(`w."createdAt"`)}
     )
     SELECT CASE WHEN GROUPING("authorId") = 0 THEN 'author' WHEN GROUPING("blockId") = 0 THEN 'block' ELSE 'hour' END AS by,
            "authorId", "blockId", dow, hour,
            count(*) FILTER (WHERE kind = 'thread')::int AS threads,
            count(*) FILTER (WHERE kind = 'reply')::int AS replies,
            count(*) FILTER (WHERE kind = 'thread' AND question)::int AS "questionThreads",
            count(*) FILTER (WHERE kind = 'reply' AND question)::int AS "questionReplies",
            sum(words)::int AS words,
            count(*) FILTER (WHERE hidden)::int AS hidden,
            count(*) FILTER (WHERE late)::int AS late,
            max("createdAt") AT TIME ZONE 'UTC' AS last
       FROM counted
      GROUP BY GROUPING SETS (("authorId"), ("blockId"), (dow, hour))`,
    [...parameters(filter, filter.questionTag), neverLate],
  );
  return rows;
}

/** Reactions summed per giver, per receiver (others' reactions only) and per block (confused ones). */
export interface ReactionRow {
  by: "giver" | "receiver" | "block";
  userId: string | null;
  blockId: string | null;
  count: number;
  last: Date | null;
}

export async function sumReactions(db: Db, filter: AnalyticsFilter): Promise<ReactionRow[]> {
  // The targets are the words counted, whenever written: an old thread may get a new reaction in the period.
  const { rows } = await sqlOf(db).query<ReactionRow>(
    `WITH ${targetRows},
     reactions AS (
       SELECT r."userId" AS giver, w."authorId" AS receiver, w."blockId", r.emoji, r."createdAt"
         FROM "Reaction" r JOIN targets w ON w.id = r."targetId"
        WHERE r."roomId" = $1::uuid AND ${inPeriod(`r."createdAt"`)}
          AND ($3::uuid IS NULL OR r."userId" = $3::uuid OR w."authorId" = $3::uuid)
     )
     SELECT 'giver' AS by, giver AS "userId", NULL AS "blockId", count(*)::int AS count,
            max("createdAt") AT TIME ZONE 'UTC' AS last
       FROM reactions WHERE $3::uuid IS NULL OR giver = $3::uuid GROUP BY giver
     UNION ALL
     SELECT 'receiver', receiver, NULL, count(*)::int, NULL
       FROM reactions WHERE giver <> receiver AND ($3::uuid IS NULL OR receiver = $3::uuid) GROUP BY receiver
     UNION ALL
     SELECT 'block', NULL, "blockId", count(*)::int, NULL
       FROM reactions WHERE emoji = ANY($6::text[]) AND ($3::uuid IS NULL OR giver = $3::uuid) GROUP BY "blockId"`,
    parameters(filter, filter.confusedEmoji),
  );
  return rows;
}

/** Reading time summed per reader (with the paragraphs they read) and per block (with its readers). */
export interface ReadingRow {
  by: "reader" | "block";
  userId: string | null;
  blockId: string | null;
  seconds: number;
  activeSeconds: number;
  /** Paragraphs the reader read, or readers the block had. */
  distinct: number;
  last: Date | null;
}

export async function sumReading(db: Db, filter: AnalyticsFilter): Promise<ReadingRow[]> {
  // Rows are per UTC day: the period covers every day it touches. Collapsing the days first leaves one row per
  // reader and block, from which both sums (and both distinct counts) are taken.
  const { rows } = await sqlOf(db).query<ReadingRow>(
    `WITH per_block AS (
       SELECT "userId", "blockId", sum(seconds) AS seconds, sum("activeSeconds") AS active,
              -- A row is written seconds after the reading it sums, but never later than its day.
              max(least("updatedAt", day + 1)) AS last
         FROM "ReadingTime"
        WHERE "roomId" = $1::uuid AND ($2::uuid IS NULL OR "userId" = $2::uuid)
          AND ($3::date IS NULL OR day >= $3::date) AND ($4::date IS NULL OR day <= $4::date)
        GROUP BY "userId", "blockId"
     )
     SELECT CASE WHEN GROUPING("userId") = 0 THEN 'reader' ELSE 'block' END AS by, "userId", "blockId",
            sum(seconds)::int AS seconds, sum(active)::int AS "activeSeconds", count(*)::int AS distinct,
            max(last) AT TIME ZONE 'UTC' AS last
       FROM per_block
      GROUP BY GROUPING SETS (("userId"), ("blockId"))`,
    [
      filter.roomId,
      filter.userId,
      filter.from && utc(filter.from).slice(0, 10),
      filter.to && utc(filter.to).slice(0, 10),
    ],
  );
  return rows;
}

/** The people the member table lists: the group's members now (or only `userId`), with their role. */
export async function listAnalyticsMembers(db: Db, roomId: string, userId: string | null) {
  const { rows } = await sqlOf(db).query<{ userId: string; displayName: string; role: Role }>(
    `SELECT m."userId", u."displayName", m.role::text AS role
       FROM "Room" r
       JOIN "Membership" m ON m."groupId" = r."groupId"
       JOIN "User" u ON u.id = m."userId"
      WHERE r.id = $1::uuid AND ($2::uuid IS NULL OR m."userId" = $2::uuid)
      ORDER BY u."displayName", m."userId"`,
    [roomId, userId],
  );
  return rows;
}

/**
 * The blocks of the room's version in reading order, each with its opening words; the group's reading-time setting
 * and the document's title.
 */
export async function loadAnalyticsText(db: Db, roomId: string) {
  const sql = sqlOf(db);
  const [blocks, group] = await Promise.all([
    sql.query<{ blockId: string; ordinal: number; excerpt: string }>(
      `SELECT b."anchorId" AS "blockId", b.ordinal, left(b.text, 120) AS excerpt
         FROM "Room" r JOIN "Block" b ON b."versionId" = r."versionId"
        WHERE r.id = $1::uuid ORDER BY b.ordinal`,
      [roomId],
    ),
    sql.query<{ recordReadingTime: boolean; title: string; timeZone: string }>(
      `SELECT g."recordReadingTime", d.title, g."timeZone"
         FROM "Room" r JOIN "Group" g ON g.id = r."groupId" JOIN "Document" d ON d.id = r."documentId"
        WHERE r.id = $1::uuid`,
      [roomId],
    ),
  ]);
  const head = group.rows[0];
  return {
    blocks: blocks.rows,
    recordsReadingTime: head?.recordReadingTime ?? false,
    title: head?.title ?? "",
    timeZone: head?.timeZone ?? "UTC",
  };
}
