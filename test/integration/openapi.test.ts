// The OpenAPI document is generated from the same schemas that validate requests, and covers every route the app serves.
import type { Express } from "express";
import supertest from "supertest";
import { describe, expect, it } from "vitest";
import { buildTestApp } from "../helpers/test-app.ts";
import { clientPagePaths } from "../../server/http/static-client.ts";

interface Layer {
  route?: { path: unknown; methods: Record<string, boolean> };
  handle?: { stack?: Layer[] };
}

/** Every "METHOD /path" the express app routes, read from its router (nested routers included). */
function servedRoutes(app: Express): string[] {
  const walk = (stack: Layer[]): string[] =>
    stack.flatMap((layer) => {
      if (layer.route) {
        const path = layer.route.path;
        return Object.keys(layer.route.methods).map((method) => `${method.toUpperCase()} ${String(path)}`);
      }
      return layer.handle?.stack ? walk(layer.handle.stack) : [];
    });
  return walk((app as unknown as { router: { stack: Layer[] } }).router.stack);
}

/** Served, but not part of the JSON API the document describes. */
const outsideTheApi = new Set([
  "GET /healthz", // probes for orchestrators, documented in the README
  "GET /readyz",
  "GET /api/openapi.json", // the document itself
  `GET ${String(clientPagePaths)}`, // the client's pages
]);

describe("GET /api/openapi.json", () => {
  it("documents every route the app serves, each under its method", async () => {
    const { app } = buildTestApp();
    const res = await supertest(app).get("/api/openapi.json").expect(200);
    expect(res.body.openapi).toBe("3.1.0");
    const documented = new Set(
      Object.entries(res.body.paths as Record<string, Record<string, unknown>>).flatMap(([path, methods]) =>
        Object.keys(methods).map((method) => `${method.toUpperCase()} ${path.replace(/\{(\w+)\}/g, ":$1")}`),
      ),
    );
    const served = servedRoutes(app).filter((route) => !outsideTheApi.has(route));
    // The walk must see the API itself, or an empty list would pass.
    expect(served).toEqual(
      expect.arrayContaining(["POST /api/auth/register", "GET /api/rooms/:roomId/threads"]),
    );
    expect(served.filter((route) => !documented.has(route))).toEqual([]);
    // Nothing documented that the app does not serve.
    expect([...documented].filter((route) => !served.includes(route))).toEqual([]);
  });

  it("describes request bodies with the schemas that validate them", async () => {
    const { app } = buildTestApp();
    const res = await supertest(app).get("/api/openapi.json").expect(200);
    const register = res.body.paths["/api/auth/register"].post.requestBody.content["application/json"].schema;
    expect(register.required).toEqual(expect.arrayContaining(["email", "password", "displayName"]));
    expect(res.body.paths["/api/documents"].post.requestBody.content).toHaveProperty("text/plain");
  });
});
