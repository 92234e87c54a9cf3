// The embedded database (PGlite) is one session behind every connection: a named prepared statement outlives the
// connection that prepared it, and the next connection must still be able to prepare it under its name.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmbeddedPostgres, type EmbeddedPostgres } from "../../server/data/embedded-postgres.ts";
import { createSqlPool, prepared, type Sql } from "../../server/data/sql.ts";

let embedded: EmbeddedPostgres;
beforeAll(async () => {
  embedded = await startEmbeddedPostgres(undefined);
});
afterAll(async () => {
  await embedded.stop();
});

/** Runs the statement on a connection of `pool`, then closes that connection, as the pool does with an idle one. */
async function runThenDropConnection(pool: Sql, value: number): Promise<number> {
  const client = await pool.connect();
  try {
    const { rows } = await client.query<{ n: number }>(
      prepared("test-embedded-n", "SELECT $1::int AS n", [value]),
    );
    return rows[0]!.n;
  } finally {
    client.release(true);
  }
}

describe("prepared statements on the embedded database", () => {
  it("are prepared again by each new connection of a pool made for it", async () => {
    const pool = createSqlPool(embedded.connectionString, 1, true);
    try {
      for (const value of [1, 2, 3]) expect(await runThenDropConnection(pool, value)).toBe(value);
    } finally {
      await pool.end();
    }
  });

  it("would fail on the second connection of a pool that does not know the session is shared", async () => {
    const pool = createSqlPool(embedded.connectionString, 1);
    try {
      await expect(
        (async () => {
          for (const value of [1, 2]) await runThenDropConnection(pool, value);
        })(),
      ).rejects.toThrow(/prepared statement "test-embedded-n" already exists/);
    } finally {
      await pool.end();
    }
  });
});
