// A real HTTP + sync server on a free port over the run's test database, for tests that use real sockets.
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { pino } from "pino";
import WebSocket from "ws";
import { attachSyncServer } from "../../server/realtime/sync-server.ts";
import { encodeUpdateMessage } from "../../server/realtime/sync-messages.ts";
import { NotesRegistry } from "../../server/services/room-store/notes-registry.ts";
import { buildTestApp } from "./test-app.ts";

export async function startTestServer(overrides: Parameters<typeof buildTestApp>[0] = {}) {
  const testApp = buildTestApp(overrides);
  const server = createServer(testApp.app);
  const sync = attachSyncServer(server, {
    ctx: testApp.ctx,
    notes: new NotesRegistry(testApp.prisma, encodeUpdateMessage),
    logger: pino({ level: "silent" }),
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    ...testApp,
    url: `http://127.0.0.1:${port}`,
    wsUrl: `ws://127.0.0.1:${port}`,
    async close() {
      sync.close();
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
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
