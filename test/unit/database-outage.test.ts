// Which errors mean "the database is unreachable" (503) and which are faults of a query (500).
import { describe, expect, it } from "vitest";
import { isDatabaseOutage } from "../../server/http/middleware/database-outage.ts";

const withCode = (code: string, message = "failed") => Object.assign(new Error(message), { code });

describe("isDatabaseOutage", () => {
  it("recognises pg's socket errors, Postgres shutdown and connection codes, and pg-pool's words", () => {
    for (const code of [
      "ECONNREFUSED",
      "ECONNRESET",
      "ETIMEDOUT",
      "ENOTFOUND",
      "57P01",
      "57P03",
      "08006",
      "08001",
    ]) {
      expect(isDatabaseOutage(withCode(code)), code).toBe(true);
    }
    expect(isDatabaseOutage(new Error("Connection terminated unexpectedly"))).toBe(true);
    expect(isDatabaseOutage(new Error("timeout exceeded when trying to connect"))).toBe(true);
  });

  it("recognises Prisma's codes and its driver adapter's kinds", () => {
    for (const code of ["P1001", "P1017", "P2024"]) expect(isDatabaseOutage(withCode(code)), code).toBe(true);
    const raw = Object.assign(withCode("P2010"), {
      meta: { driverAdapterError: { name: "DriverAdapterError", cause: { kind: "DatabaseNotReachable" } } },
    });
    expect(isDatabaseOutage(raw)).toBe(true);
    expect(isDatabaseOutage({ errorCode: "P1001", message: "init" })).toBe(true);
  });

  it("looks inside causes and AggregateErrors (a host name with several addresses)", () => {
    const aggregate = new AggregateError([withCode("ECONNREFUSED"), withCode("ECONNREFUSED")], "");
    expect(isDatabaseOutage(aggregate)).toBe(true);
    expect(isDatabaseOutage(new Error("COMMIT failed", { cause: withCode("ECONNRESET") }))).toBe(true);
    const loop: { cause?: unknown } = {};
    loop.cause = loop;
    expect(isDatabaseOutage(loop)).toBe(false);
  });

  it("leaves query faults alone", () => {
    for (const code of ["23505", "42P01", "22P02", "P2002", "P2025", "40001"]) {
      expect(isDatabaseOutage(withCode(code)), code).toBe(false);
    }
    expect(isDatabaseOutage(new TypeError("x is undefined"))).toBe(false);
    expect(isDatabaseOutage(undefined)).toBe(false);
  });
});
