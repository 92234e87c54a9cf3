// The built client is served beside the API: immutable hashed assets, index.html for app routes with a CSP.
import { mkdir, mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import express from "express";
import supertest from "supertest";
import { beforeAll, describe, expect, it } from "vitest";
import { clientCsp, staticClient } from "../../server/http/static-client.ts";

let dist: string;

beforeAll(async () => {
  dist = await mkdtemp(path.join(tmpdir(), "scholia-dist-"));
  await mkdir(path.join(dist, "assets"));
  await writeFile(path.join(dist, "index.html"), "<!doctype html><title>Scholia</title>");
  await writeFile(path.join(dist, "assets", "index-abc123.js"), "console.log(1)");
  await writeFile(path.join(dist, "sw.js"), "self.addEventListener('fetch', () => {})");
});

function buildApp() {
  const app = express();
  app.get("/api/me", (_req, res) => void res.json({ ok: true }));
  app.use(staticClient({ publicUrl: "https://scholia.example.org", dist }));
  app.use((_req, res) => void res.status(404).json({ error: { code: "not_found" } }));
  return app;
}

describe("staticClient", () => {
  it("serves index.html with the CSP for app routes", async () => {
    const res = await supertest(buildApp()).get("/groups/g/rooms/r").set("Accept", "text/html").expect(200);
    expect(res.text).toContain("<title>Scholia</title>");
    expect(res.headers["cache-control"]).toBe("no-cache");
    const csp = res.headers["content-security-policy"] as string;
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("connect-src 'self' wss://scholia.example.org");
    expect(csp).not.toMatch(/unsafe-(inline|eval)/);
  });

  it("caches hashed assets for a year and answers 404 for missing ones", async () => {
    const res = await supertest(buildApp()).get("/assets/index-abc123.js").expect(200);
    expect(res.headers["cache-control"]).toContain("immutable");
    expect(res.headers["cache-control"]).toContain("max-age=31536000");
    await supertest(buildApp()).get("/assets/missing.js").expect(404);
  });

  it("leaves /api and /yjs paths and non-HTML requests to the API", async () => {
    await supertest(buildApp()).get("/api/me").expect(200, { ok: true });
    const api = await supertest(buildApp()).get("/api/nope").set("Accept", "text/html").expect(404);
    expect(api.body).toEqual({ error: { code: "not_found" } });
    await supertest(buildApp()).get("/yjs/rooms/x").set("Accept", "text/html").expect(404);
    await supertest(buildApp()).get("/somewhere").set("Accept", "application/json").expect(404);
  });

  it("passes everything on when the client has not been built", async () => {
    const app = express();
    app.use(staticClient({ publicUrl: "http://x", dist: path.join(dist, "nothing-here") }));
    app.use((_req, res) => void res.status(404).end());
    await supertest(app).get("/").set("Accept", "text/html").expect(404);
  });

  it("allows sockets to the public origin", () => {
    expect(clientCsp("http://127.0.0.1:3000/")).toContain("connect-src 'self' ws://127.0.0.1:3000;");
  });
});
