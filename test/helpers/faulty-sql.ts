// A pg pool that fails or holds chosen statements on demand: how tests see what the server does when the database
// errs or stalls at a given point (a lookup that fails, a COMMIT whose answer is lost, a slow load, a refused write).
import type pg from "pg";
import type { Sql } from "../../server/data/sql.ts";

interface Fault {
  statement: RegExp;
  /**
   * "before": the statement never reaches the database. "after": it runs, then the caller gets an error. "hold":
   * it waits for `release`, then runs normally.
   */
  when: "before" | "after" | "hold";
  held?: () => void;
  release?: Promise<void>;
}

type Queryable = Pick<pg.Pool, "query">;

export function faultySql(sql: Sql) {
  const faults: Fault[] = [];
  /** Standing faults: every statement they match fails, with their error, until they are lifted. */
  const standing = new Set<{ matches: (text: string, values: unknown[]) => boolean; error: Error }>();
  const textOf = (query: unknown) =>
    typeof query === "string" ? query : ((query as { text?: string } | null)?.text ?? "");
  const valuesOf = (args: unknown[]): unknown[] =>
    (Array.isArray(args[1]) ? args[1] : (args[0] as { values?: unknown[] } | null)?.values) ?? [];
  const run = async (target: Queryable, args: unknown[]) => {
    for (const fault of standing) if (fault.matches(textOf(args[0]), valuesOf(args))) throw fault.error;
    const index = faults.findIndex((fault) => fault.statement.test(textOf(args[0]).trim()));
    const fault = index >= 0 ? faults.splice(index, 1)[0] : undefined;
    const injected = new Error("Connection terminated unexpectedly (injected by the test)");
    if (fault?.when === "before") throw injected;
    if (fault?.when === "hold") {
      fault.held!();
      await fault.release;
    }
    const result = await (target.query as (...queryArgs: unknown[]) => Promise<unknown>)(...args);
    if (fault?.when === "after") throw injected;
    return result;
  };
  /** `target` with its query() going through run() and its other methods bound to it. */
  const wrap = <T extends Queryable>(target: T, extra: Partial<Record<string | symbol, unknown>> = {}): T =>
    new Proxy(target, {
      get(object, property) {
        if (property === "query") return (...args: unknown[]) => run(object, args);
        if (property in extra) return extra[property];
        const value: unknown = Reflect.get(object, property);
        return typeof value === "function" ? (value as (...a: unknown[]) => unknown).bind(object) : value;
      },
    });
  const pool = wrap(sql, { connect: async () => wrap(await sql.connect()) });
  return {
    sql: pool,
    /** Makes the next statement matching `statement` fail, before or after it runs. */
    failNext(statement: RegExp, when: "before" | "after" = "before") {
      faults.push({ statement, when });
    },
    /** Holds the next statement matching `statement` until `release` resolves; resolves once it is held. */
    holdNext(statement: RegExp, release: Promise<void>): Promise<void> {
      return new Promise((held) => faults.push({ statement, when: "hold", held, release }));
    },
    /**
     * Makes every statement that `matches` (its text and parameters) fail with `error` until the returned function
     * is called: a write the database keeps refusing. A plain Error is a server fault (500), not an outage.
     */
    failWhile(
      matches: (text: string, values: unknown[]) => boolean,
      error = new Error("Refused by the test's database"),
    ): () => void {
      const fault = { matches, error };
      standing.add(fault);
      return () => void standing.delete(fault);
    },
    pending: () => faults.length,
  };
}
