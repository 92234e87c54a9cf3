// The built client is served beside the API: immutable hashed assets, index.html for app routes with a CSP.
import { once } from "node:events";
import { mkdir, mkdtemp, writeFile } from "node:fs/promises";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import express from "express";
import supertest from "supertest";
import { beforeAll, describe, expect, it } from "vitest";
import { errorHandler, notFoundHandler } from "../../server/http/middleware/errors.ts";
import { clientCsp, staticClient } from "../../server/http/static-client.ts";

let dist: string;
/** A compressible script over the compression threshold, like a real bundle. */
const bundle = Array.from({ length: 2_000 }, (_, i) => `export const value${i} = ${i};`).join("\n");

beforeAll(async () => {
  dist = await mkdtemp(path.join(tmpdir(), "scholia-dist-"));
  await mkdir(path.join(dist, "assets"));
  await writeFile(path.join(dist, "index.html"), "<!doctype html><title>Scholia</title>");
  await writeFile(path.join(dist, "assets", "index-abc123.js"), "console.log(1)");
  await writeFile(path.join(dist, "assets", "big-def456.js"), bundle);
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

  it("answers a missing or unreadable asset with the JSON error body, not a 500 or index.html", async () => {
    const app = express();
    app.use(staticClient({ publicUrl: "http://x", dist }));
    app.use(notFoundHandler);
    app.use(errorHandler);
    const missing = await supertest(app).get("/assets/nope.js").set("Accept", "text/html").expect(404);
    expect(missing.body.error.code).toBe("not_found");
    const malformed = await supertest(app).get("/assets/%ff.js").expect(400);
    expect(malformed.body.error.details).toEqual([{ field: "path", message: "could not be read" }]);
  });

  it("compresses scripts for browsers that accept brotli or gzip", async () => {
    const server = buildApp().listen(0, "127.0.0.1");
    await once(server, "listening");
    const { port } = server.address() as AddressInfo;
    /** The bytes on the wire (supertest would decompress them) and the encoding they came in. */
    const fetchRaw = (encoding: string) =>
      new Promise<{ bytes: number; encoding: string | undefined }>((resolve, reject) => {
        const req = http.get(
          {
            host: "127.0.0.1",
            port,
            path: "/assets/big-def456.js",
            headers: { "accept-encoding": encoding },
          },
          (res) => {
            let bytes = 0;
            res.on("data", (chunk: Buffer) => (bytes += chunk.length));
            res.on("end", () => resolve({ bytes, encoding: res.headers["content-encoding"] }));
          },
        );
        req.on("error", reject);
      });
    try {
      for (const encoding of ["br", "gzip"]) {
        const res = await fetchRaw(encoding);
        expect(res.encoding).toBe(encoding);
        expect(res.bytes).toBeLessThan(bundle.length / 3);
      }
      expect(await fetchRaw("identity")).toEqual({ bytes: bundle.length, encoding: undefined });
    } finally {
      server.close();
    }
  });

  it("leaves /api, /yjs and /socket.io paths and non-HTML requests to the API", async () => {
    await supertest(buildApp()).get("/api/me").expect(200, { ok: true });
    const api = await supertest(buildApp()).get("/api/nope").set("Accept", "text/html").expect(404);
    expect(api.body).toEqual({ error: { code: "not_found" } });
    await supertest(buildApp()).get("/yjs/rooms/x").set("Accept", "text/html").expect(404);
    await supertest(buildApp())
      .get("/socket.io/?EIO=4&transport=polling")
      .set("Accept", "text/html")
      .expect(404);
    await supertest(buildApp()).get("/somewhere").set("Accept", "application/json").expect(404);
  });

  it("never looks for /api, /yjs or /socket.io paths among the client's files", async () => {
    for (const dir of ["api", "yjs", "socket.io"]) {
      await mkdir(path.join(dist, dir), { recursive: true });
      await writeFile(path.join(dist, dir, "stray.json"), "{}");
      const res = await supertest(buildApp()).get(`/${dir}/stray.json`).expect(404);
      expect(res.body).toEqual({ error: { code: "not_found" } });
    }
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
