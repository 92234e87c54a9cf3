// A pg pool that fails chosen statements once, on demand: how tests see what the server does when the database
// errs at a given point (a lookup that fails, a COMMIT that succeeds but whose answer is lost).
import type pg from "pg";
import type { Sql } from "../../server/data/sql.ts";

interface Fault {
  statement: RegExp;
  /** "before": the statement never reaches the database. "after": it runs, then the caller gets an error. */
  when: "before" | "after";
}

type Queryable = Pick<pg.Pool, "query">;

export function faultySql(sql: Sql) {
  const faults: Fault[] = [];
  const textOf = (query: unknown) =>
    typeof query === "string" ? query : ((query as { text?: string } | null)?.text ?? "");
  const run = async (target: Queryable, args: unknown[]) => {
    const index = faults.findIndex((fault) => fault.statement.test(textOf(args[0]).trim()));
    const fault = index >= 0 ? faults.splice(index, 1)[0] : undefined;
    const injected = new Error("Connection terminated unexpectedly (injected by the test)");
    if (fault?.when === "before") throw injected;
    const result = await (target.query as (...queryArgs: unknown[]) => Promise<unknown>)(...args);
    if (fault) throw injected;
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
    failNext(statement: RegExp, when: Fault["when"] = "before") {
      faults.push({ statement, when });
    },
    pending: () => faults.length,
  };
}
