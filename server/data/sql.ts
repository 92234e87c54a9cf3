// The pg pool that Prisma runs on, used directly where Prisma's own work per statement costs several times the
// database round trip: the hot path (session and room lookups, the mutation commit), room loads and compaction.
// Internal to server/data/: services hold a Db and open an SqlTx through db.ts.
import pg from "pg";

export type Sql = pg.Pool;
/** The pool, or one connection of it inside a transaction: what a plain-SQL statement runs on. */
export type Queryable = pg.Pool | pg.PoolClient;

/**
 * A pool of `poolSize` connections. With `sharedSession` (the embedded database, PGlite: every connection reaches
 * its one session), each new connection first drops the prepared statements (see prepared()) that a connection
 * closed before it left in the session, which it would otherwise fail to prepare again under the same names.
 */
export function createSqlPool(connectionString: string, poolSize: number, sharedSession = false): Sql {
  const pool = new pg.Pool({
    connectionString,
    max: poolSize,
    // Awaited by the pool before it hands the connection out; if it fails, so does the caller's connect.
    onConnect: sharedSession
      ? async (client) => {
          await client.query("DEALLOCATE ALL");
        }
      : undefined,
  });
  // An idle connection that breaks (Postgres restarted, network cut) is dropped by the pool; without a listener
  // its "error" event would crash the process. The next query reports the outage to whoever made it.
  pool.on("error", () => undefined);
  return pool;
}

/**
 * The connection failed while COMMIT was in flight: Postgres may have committed the transaction or not, and only
 * reading what it stored can tell. (An error Postgres reported itself means it rolled back.)
 */
export class CommitOutcomeUnknown extends Error {
  override name = "CommitOutcomeUnknown";
  constructor(override readonly cause: unknown) {
    super(`The database connection failed during COMMIT: ${String(cause)}`);
  }
}

/**
 * SQL run right after BEGIN and sent with it (one round trip): statements without parameters, whose values
 * `literal` quotes as SQL string literals.
 */
export type TransactionOpening = (literal: (value: string) => string) => string;

/**
 * Runs `work` in one transaction on one connection: committed if it resolves, rolled back if it throws. `work` is
 * given the rows of the opening's last statement (none without an opening). Throws CommitOutcomeUnknown when the
 * COMMIT itself got no answer.
 */
export async function inPoolTransaction<T>(
  sql: Sql,
  work: (client: pg.PoolClient, opened: Record<string, unknown>[]) => Promise<T>,
  opening?: TransactionOpening,
): Promise<T> {
  const client = await sql.connect();
  let broken: Error | undefined;
  // A connection lost mid-transaction emits "error" besides failing the query in flight; pg-pool does not listen
  // while the connection is checked out, so this does, or the process would crash.
  const onError = (error: Error) => (broken = error);
  client.on("error", onError);
  try {
    // Several statements in one query answer with one result each (pg's typings know only the single case).
    const answered: pg.QueryResult | pg.QueryResult[] = await client.query(
      opening ? `BEGIN; ${opening((value) => client.escapeLiteral(value))}` : "BEGIN",
    );
    const result = await work(client, Array.isArray(answered) ? answered.at(-1)!.rows : []);
    await client.query("COMMIT").catch((error: unknown) => {
      throw error instanceof pg.DatabaseError ? error : new CommitOutcomeUnknown(error);
    });
    return result;
  } catch (error) {
    // A connection that cannot even roll back is discarded rather than handed to the next caller.
    await client.query("ROLLBACK").catch((rollbackError: Error) => (broken = rollbackError));
    throw error;
  } finally {
    client.off("error", onError);
    client.release(broken);
  }
}

/** Whether `error` is Postgres refusing a row that would duplicate a unique key (SQLSTATE 23505). */
export function isSqlUniqueViolation(error: unknown, constraints?: string[]): boolean {
  return (
    error instanceof pg.DatabaseError &&
    error.code === "23505" &&
    (!constraints || (error.constraint !== undefined && constraints.includes(error.constraint)))
  );
}

/**
 * Prisma's DateTime columns are `timestamp` without a zone, holding UTC. An ISO string with its "Z" is stored as
 * that UTC time whatever the session's time zone, where a Date would be sent in the server's local time.
 */
export const utc = (date: Date): string => date.toISOString();

/** The text each prepared statement's name stands for. */
const preparedTexts = new Map<string, string>();

/**
 * A statement of the hot path as a named prepared statement: Postgres parses it once per connection and, after five
 * executions, plans it once for good when a generic plan costs no more than the custom ones (plan_cache_mode auto),
 * where an unnamed statement is parsed and planned at every execution (3 ms for the notification commit's).
 * For fixed SQL texts only, and plain values (strings, numbers, booleans, null, arrays of them, Buffers; JSON
 * stringified first): pg records a name as prepared before it serialises the values, so a value that throws there
 * (a toPostgres method) would leave the connection believing in a statement Postgres never kept. Throws when `name`
 * was given to another text.
 */
export function prepared(name: string, text: string, values: unknown[]): pg.QueryConfig {
  const known = preparedTexts.get(name);
  if (known === undefined) preparedTexts.set(name, text);
  else if (known !== text) throw new Error(`The prepared statement "${name}" was given two different texts`);
  return { name, text, values };
}
