// The OpenAPI document is generated from the same schemas that validate requests, and covers every route.
import supertest from "supertest";
import { describe, expect, it } from "vitest";
import { buildTestApp } from "../helpers/test-app.ts";

describe("GET /api/openapi.json", () => {
  it("describes the public paths with request schemas", async () => {
    const { app } = buildTestApp();
    const res = await supertest(app).get("/api/openapi.json").expect(200);
    expect(res.body.openapi).toBe("3.1.0");
    const paths = Object.keys(res.body.paths);
    for (const path of [
      "/api/auth/register",
      "/api/auth/login",
      "/api/me",
      "/api/groups",
      "/api/groups/{groupId}/members",
      "/api/groups/{groupId}/invites",
      "/api/invites/{token}/accept",
      "/api/documents",
      "/api/documents/{documentId}/versions/{version}",
      "/api/groups/{groupId}/rooms",
      "/api/rooms/{roomId}/threads",
      "/api/rooms/{roomId}/threads/{threadId}/comments",
    ]) {
      expect(paths).toContain(path);
    }
    const register = res.body.paths["/api/auth/register"].post.requestBody.content["application/json"].schema;
    expect(register.required).toEqual(expect.arrayContaining(["email", "password", "displayName"]));
    expect(res.body.paths["/api/documents"].post.requestBody.content).toHaveProperty("text/plain");
  });
});
