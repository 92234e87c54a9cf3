// A stand-in for the REST API in client tests: a fetch answering from a table of routes and recording every call.
import { vi } from "vitest";

/** What a route receives: the method, the path (with its query) and the decoded JSON body, if any. */
export interface FakeRequest {
  method: string;
  path: string;
  body: unknown;
  headers: Record<string, string>;
}

/** A fixed answer ([status, body]), or one computed from the request. */
export type FakeRoute = [number, unknown] | ((request: FakeRequest) => [number, unknown]);

/**
 * Replaces the global fetch with one answering `routes` ("METHOD /path?query", or "METHOD /path" for any query);
 * anything else gets the server's 404 shape. Returns the calls made, as "METHOD /path?query".
 */
export function serveApi(routes: Record<string, FakeRoute>) {
  const calls: string[] = [];
  const fetchMock = vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = new URL(String(input), window.location.origin);
    const method = init?.method ?? "GET";
    const path = `${url.pathname}${url.search}`;
    calls.push(`${method} ${path}`);
    const route = routes[`${method} ${path}`] ?? routes[`${method} ${url.pathname}`];
    const body =
      typeof init?.body === "string" && init.body.startsWith("{") ? JSON.parse(init.body) : init?.body;
    const [status, payload] =
      route === undefined
        ? [404, { error: { code: "not_found", message: `No route for ${method} ${path}` } }]
        : typeof route === "function"
          ? route({ method, path, body, headers: { ...(init?.headers as Record<string, string>) } })
          : route;
    return new Response(status === 204 ? null : JSON.stringify(payload), {
      status,
      headers: { "content-type": "application/json" },
    });
  });
  vi.stubGlobal("fetch", fetchMock);
  return calls;
}
