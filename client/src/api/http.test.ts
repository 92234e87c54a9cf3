// The HTTP wrapper: how each kind of answer becomes the data or the error the UI shows, and how bodies are sent.
import { afterEach, describe, expect, it, vi } from "vitest";
import { api, ApiError, request } from "./http.ts";

/** A fetch answering every request with `body` (text, or JSON when not a string) and `status`. */
function answer(status: number, body: unknown) {
  const fetchMock = vi.fn(
    async (_input: RequestInfo | URL, _init?: RequestInit) =>
      new Response(typeof body === "string" ? body : JSON.stringify(body), { status }),
  );
  vi.stubGlobal("fetch", fetchMock);
  return fetchMock;
}
const refusal = (promise: Promise<unknown>) =>
  promise.then(
    () => expect.fail("expected a refusal"),
    (e) => e,
  );

afterEach(() => vi.unstubAllGlobals());

describe("request's errors", () => {
  it("says the server cannot be reached when the request never gets an answer", async () => {
    vi.stubGlobal("fetch", () => Promise.reject(new TypeError("Failed to fetch")));
    const error = await refusal(request("/api/me"));
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({
      status: 0,
      code: "network",
      message: "The server cannot be reached. Check your connection and try again.",
    });
  });

  it("passes on the server's code, message and field details for a refusal", async () => {
    const details = [{ field: "email", message: "is already registered" }];
    answer(409, { error: { code: "email_taken", message: "That email is in use.", details } });
    const error = await refusal(request("/api/auth/register", { method: "POST", body: {} }));
    expect(error).toMatchObject({
      status: 409,
      code: "email_taken",
      message: "That email is in use.",
      details,
    });
  });

  it("says which status came back when the answer is not the API's error shape", async () => {
    answer(502, "<html>Bad gateway</html>");
    expect(await refusal(request("/api/groups"))).toMatchObject({
      status: 502,
      code: "error",
      message: "The server answered 502.",
      details: [],
    });
    answer(403, { error: {} });
    expect(await refusal(request("/api/groups"))).toMatchObject({
      status: 403,
      code: "error",
      message: "The server answered 403.",
    });
  });
});

describe("request's bodies", () => {
  it("returns the JSON of a successful answer", async () => {
    answer(200, { groups: [{ id: "g1" }] });
    expect(await api.groups()).toEqual({ groups: [{ id: "g1" }] });
  });

  it("sends objects as JSON, strings as plain text and forms as multipart, with the session cookie", async () => {
    const fetchMock = answer(200, {});
    await api.login({ email: "ada@example.org", password: "secret secret" });
    await request("/api/text", { method: "POST", body: "plain words" });
    const upload = new FormData();
    upload.append("title", "A title");
    await request("/api/documents?groupId=g%201", { method: "POST", body: upload });
    const [json, text, form] = fetchMock.mock.calls.map(([path, init]) => ({ path, ...init }));
    expect(json).toMatchObject({
      path: "/api/auth/login",
      method: "POST",
      credentials: "same-origin",
      body: JSON.stringify({ email: "ada@example.org", password: "secret secret" }),
      headers: { Accept: "application/json", "Content-Type": "application/json" },
    });
    expect(text).toMatchObject({
      body: "plain words",
      headers: { "Content-Type": "text/plain; charset=utf-8" },
    });
    expect(form!.path).toBe("/api/documents?groupId=g%201");
    expect(form!.body).toBeInstanceOf(FormData);
    expect((form!.body as FormData).get("title")).toBe("A title");
    // The browser sets the multipart boundary itself; a Content-Type here would break it.
    expect(form!.headers).not.toHaveProperty("Content-Type");
  });

  it("escapes invite tokens and asks for a room's threads with their replies", async () => {
    const fetchMock = answer(200, {});
    await api.invitePreview("a/b?c");
    await api.acceptInvite("a/b?c");
    await api.threads("r1", { tag: "ethics", q: "two words" });
    expect(fetchMock.mock.calls.map(([path, init]) => `${init?.method} ${String(path)}`)).toEqual([
      "GET /api/invites/a%2Fb%3Fc",
      "POST /api/invites/a%2Fb%3Fc/accept",
      "GET /api/rooms/r1/threads?tag=ethics&q=two+words&include=comments",
    ]);
  });
});
