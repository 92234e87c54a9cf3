// CLI for administrators: export a room's discussion to a file (or stdout) in any export format, with every filter.
import { createWriteStream } from "node:fs";
import { resolve } from "node:path";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { parseArgs } from "node:util";
import { exportFormats, exportQuerySchema } from "../shared/schemas/exports.ts";
import { parseEnv } from "../server/config/env.ts";
import { openDatabase } from "../server/data/database.ts";
import { DataDirLockedError } from "../server/data/embedded-postgres.ts";
import { listSomeRooms } from "../server/data/rooms.ts";
import { AppError } from "../server/domain/app-error.ts";
import { buildRoomExport } from "../server/services/exports/export-room.ts";
import { runCli, UsageError } from "./run-cli.ts";

const usage = `Usage: npm run export -- --room ID --format ${exportFormats.join("|")} [--out FILE|-] [filters]

  --room ID           the room to export (without it, the latest rooms are listed)
  --format F          ${exportFormats.join(", ")}
  --out FILE          where to write (default: the file's own name, in this directory); - for stdout
  --layout L          discussion (default) or annotated: Markdown, HTML and PDF
  --author-id ID, --tag T, --status open|resolved, --include-resolved true|false, --visibility group|instructors,
  --q WORDS, --match WORDS, --section BLOCK, --from-block BLOCK, --to-block BLOCK, --block-id BLOCK,
  --thread-id ID, --since DATE, --until DATE, --bom true|false
                      the filters of GET /api/rooms/:roomId/export (README, API)
  --help              show this help

An administrator's export holds everything a moderator may read: instructor-only threads and hidden words too.
It reads DATABASE_URL, or the embedded database in DATA_DIR (stop the server first).`;

/** Long options that are the export's query fields, kebab-case on the command line. */
const queryOptions = [
  "format",
  "layout",
  "author-id",
  "tag",
  "status",
  "include-resolved",
  "visibility",
  "q",
  "match",
  "section",
  "from-block",
  "to-block",
  "block-id",
  "thread-id",
  "since",
  "until",
  "bom",
] as const;

const camel = (option: string) => option.replace(/-(\w)/gu, (_match, char: string) => char.toUpperCase());

/** The file to write could not be written (a folder that does not exist, no permission). */
class OutputError extends Error {}

const roomIdPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/iu;

/** Passes chunks on, counting their bytes, and says how many on stderr now and then (a large export takes seconds). */
function counted(total: { bytes: number }) {
  return async function* (chunks: AsyncIterable<Buffer | string>) {
    let shown = 0;
    for await (const chunk of chunks) {
      total.bytes += Buffer.byteLength(chunk);
      if (process.stderr.isTTY && total.bytes - shown >= 1 << 20) {
        shown = total.bytes;
        process.stderr.write(`\rexported ${(total.bytes / 1024 / 1024).toFixed(1)} MB`);
      }
      yield chunk;
    }
  };
}

async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      room: { type: "string" },
      out: { type: "string" },
      help: { type: "boolean", default: false },
      ...Object.fromEntries(queryOptions.map((option) => [option, { type: "string" as const }])),
    },
  });
  if (values.help) {
    process.stdout.write(`${usage}\n`);
    return 0;
  }
  if (positionals.length > 0) throw new UsageError(`Unexpected argument: ${positionals[0]}.`);
  const fields = Object.fromEntries(
    queryOptions.flatMap((option) => {
      const value = (values as unknown as Record<string, string | undefined>)[option];
      return value === undefined ? [] : [[camel(option), value]];
    }),
  );
  const parsed = exportQuerySchema.safeParse(fields);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => {
      const field = issue.path.join(".") || "format";
      return `--${field.replace(/[A-Z]/gu, (char) => `-${char.toLowerCase()}`)} ${issue.message}`;
    });
    throw new UsageError(problems.join("\n"));
  }
  if (values.room !== undefined && !roomIdPattern.test(values.room))
    throw new UsageError(`--room must be a room id (a UUID such as 0b6e…-…); leave it out to list rooms.`);
  const config = parseEnv(process.env);
  const database = await openDatabase({
    databaseUrl: config.databaseUrl,
    dataDir: config.dataDir,
    poolSize: 2,
  });
  try {
    if (!values.room) {
      const rooms = await listSomeRooms(database.db, 20);
      const listed = rooms
        .map((room) => `  ${room.id}  ${room.group.name} — ${room.document.title}`)
        .join("\n");
      throw new UsageError(
        rooms.length === 0
          ? `There is no room in ${database.location} yet.`
          : `Choose a room with --room (the latest in ${database.location}):\n${listed}`,
      );
    }
    const file = await buildRoomExport(
      { db: database.db, now: () => new Date(), publicUrl: config.publicUrl },
      values.room.toLowerCase(),
      { userId: null, displayName: "an administrator (command line)", moderator: true, authorIds: null },
      parsed.data,
    ).catch((error: unknown) => {
      if (error instanceof AppError && error.code === "not_found")
        throw new AppError(
          "not_found",
          `No room ${values.room} in ${database.location}; leave out --room to list rooms.`,
        );
      throw error;
    });
    const toStdout = values.out === "-";
    const path = toStdout ? "stdout" : resolve(values.out ?? file.fileName);
    const total = { bytes: 0 };
    const destination = toStdout ? process.stdout : createWriteStream(path);
    await pipeline(Readable.from(file.body), counted(total), destination).catch((error: unknown) => {
      const code = (error as NodeJS.ErrnoException).code;
      if (code && /^E[A-Z]+$/u.test(code) && (error as NodeJS.ErrnoException).syscall)
        throw new OutputError(
          `Cannot write ${path} (${code}): choose another --out, in a folder that exists.`,
        );
      throw error;
    });
    if (process.stderr.isTTY) process.stderr.write("\r");
    process.stderr.write(`Wrote ${path} (${(total.bytes / 1024).toFixed(1)} KB).\n`);
    return 0;
  } finally {
    await database.close();
    // Prisma's WASM schema engine leaves a 10 s timer behind after migrating; do not wait for it.
    setTimeout(() => process.exit(), 100).unref();
  }
}

await runCli(
  () => main(process.argv.slice(2)),
  usage,
  (error): error is Error =>
    error instanceof AppError || error instanceof OutputError || error instanceof DataDirLockedError,
);
