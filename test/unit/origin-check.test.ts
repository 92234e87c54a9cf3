// CSRF defence: state-changing requests from another origin are refused, as the browser's Origin and Sec-Fetch-Site say.
import express, { type ErrorRequestHandler } from "express";
import supertest from "supertest";
import { describe, expect, it } from "vitest";
import { AppError } from "../../server/domain/app-error.ts";
import { originCheck } from "../../server/http/middleware/origin-check.ts";

const publicUrl = "https://annotate.example.org/reader/";
const ours = "https://annotate.example.org";

function app() {
  const server = express();
  server.use(originCheck(publicUrl));
  server.all("/{*rest}", (_req, res) => {
    res.status(200).json({ ok: true });
  });
  const errors: ErrorRequestHandler = (error, _req, res, _next) => {
    if (!(error instanceof AppError)) throw error;
    res.status(error.status).json({ code: error.code, message: error.message });
  };
  server.use(errors);
  return supertest(server);
}

const unsafe = ["post", "put", "patch", "delete"] as const;

describe("the origin check", () => {
  it("refuses every state-changing method from a foreign origin, naming the origin to use", async () => {
    for (const method of unsafe) {
      const res = await app()[method]("/api/groups").set("Origin", "https://evil.example.com");
      expect(res.status, method).toBe(403);
      expect(res.body.code).toBe("foreign_origin");
      expect(res.body.message).toBe(`Requests from https://evil.example.com are not accepted; use ${ours}.`);
    }
  });

  it("accepts state-changing requests from the public origin (the public URL's path does not matter)", async () => {
    for (const method of unsafe) {
      expect((await app()[method]("/api/groups").set("Origin", ours)).status, method).toBe(200);
    }
  });

  it("accepts the origin the request was addressed to (the host it came in on)", async () => {
    const res = await app()
      .post("/api/groups")
      .set("Host", "localhost:3000")
      .set("Origin", "http://localhost:3000");
    expect(res.status).toBe(200);
    const otherPort = await app()
      .post("/api/groups")
      .set("Host", "localhost:3000")
      .set("Origin", "http://localhost:4000");
    expect(otherPort.status).toBe(403);
  });

  it("lets reads through from anywhere", async () => {
    const evil = "https://evil.example.com";
    expect((await app().get("/api/groups").set("Origin", evil)).status).toBe(200);
    expect((await app().head("/api/groups").set("Origin", evil)).status).toBe(200);
    expect((await app().options("/api/groups").set("Origin", evil)).status).toBe(200);
    expect((await app().get("/api/groups").set("Sec-Fetch-Site", "cross-site")).status).toBe(200);
  });

  it("refuses a request without Origin that the browser says is cross-site (Sec-Fetch-Site: cross-site)", async () => {
    for (const method of unsafe) {
      const res = await app()[method]("/api/groups").set("Sec-Fetch-Site", "cross-site");
      expect(res.status, method).toBe(403);
      expect(res.body).toEqual({ code: "foreign_origin", message: "Cross-site requests are not accepted." });
    }
  });

  it("accepts a request without Origin from non-browser clients and same-site pages", async () => {
    expect((await app().post("/api/groups")).status).toBe(200);
    for (const site of ["same-origin", "same-site", "none"]) {
      expect((await app().post("/api/groups").set("Sec-Fetch-Site", site)).status, site).toBe(200);
    }
  });
});
