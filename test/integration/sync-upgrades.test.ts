// WebSocket handshakes the server does not accept are answered at once and closed: paths no endpoint owns, pages
// on other sites. None is left open to pile up or to hold shutdown.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { syncPaths } from "../../shared/sync-protocol.ts";
import { openRawUpgrade } from "../helpers/raw-websocket.ts";
import { buildRoom } from "../helpers/room-fixture.ts";
import { startTestServer } from "../helpers/test-server.ts";

let server: Awaited<ReturnType<typeof startTestServer>>;
let room: Awaited<ReturnType<typeof buildRoom>>;

beforeAll(async () => {
  server = await startTestServer();
  room = await buildRoom(server.app);
});
afterAll(async () => {
  await server.close();
});

describe("upgrade requests", () => {
  it("to a path no endpoint owns are answered with 400 and closed at once", async () => {
    // socket.io owns /socket.io/ (with its slash) only.
    const paths = ["/elsewhere", "/socket.iox/?EIO=4&transport=websocket", "/api/me", "/", "/yjsx/rooms"];
    const strays = Array.from({ length: 200 }, (_, i) =>
      openRawUpgrade(server.url, paths[i % paths.length]!, { cookie: room.member.cookie }),
    );
    for (const outcome of await Promise.all(strays.map((stray) => stray.closed))) {
      expect(outcome).toMatchObject({ status: 400, upgraded: false });
    }
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
  });

  it("from a page on another site are refused with 403 before the session is looked at", async () => {
    const foreign = openRawUpgrade(server.url, syncPaths.room(room.roomId), {
      cookie: room.member.cookie,
      origin: "https://elsewhere.example",
    });
    expect(await foreign.closed).toMatchObject({ status: 403, upgraded: false });
    const own = openRawUpgrade(server.url, syncPaths.room(room.roomId), {
      cookie: room.member.cookie,
      origin: "http://scholia.test",
    });
    expect(await own.answered).toBe(101);
    own.socket.destroy();
  });

  it("to socket.io from a page on another site are refused with 403 too", async () => {
    const foreign = openRawUpgrade(server.url, "/socket.io/?EIO=4&transport=websocket", {
      cookie: room.member.cookie,
      origin: "https://elsewhere.example",
    });
    expect(await foreign.closed).toMatchObject({ status: 403, upgraded: false });
  });
});
