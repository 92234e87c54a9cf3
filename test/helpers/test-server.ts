// A real HTTP + sync server on a free port over the run's test database, for tests that use real sockets.
import WebSocket from "ws";
import { createHttpServer } from "../../server/composition.ts";
import { buildTestDeps, testAppOf, type TestAppOverrides } from "./test-app.ts";

/** The server production runs (server/composition.ts), listening on a free loopback port. */
export async function startTestServer(overrides: TestAppOverrides = {}) {
  const deps = buildTestDeps(overrides);
  const http = createHttpServer(deps);
  const url = await http.listen(0, "127.0.0.1");
  const testApp = testAppOf(http.app, deps.ctx);
  return {
    ...testApp,
    server: http.server,
    url,
    wsUrl: url.replace(/^http/, "ws"),
    /** Stops as production does at shutdown, without waiting for requests in flight. */
    async close() {
      await http.stop(0);
    },
  };
}

/** A WebSocket class that sends the given cookie, for y-websocket's WebsocketProvider in Node. */
export function webSocketWithCookie(cookie: string): typeof WebSocket {
  return class extends WebSocket {
    constructor(url: string | URL, protocols?: string | string[]) {
      super(url, protocols, { headers: { cookie } });
    }
  } as typeof WebSocket;
}
