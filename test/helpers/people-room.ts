// A test file's people-channel setting: a real server, a room with its people, and socket.io tabs opened on it,
// all closed after the file.
import { afterAll, beforeAll } from "vitest";
import type { PresenceDto } from "../../shared/people-protocol.ts";
import { connectPeople, type PeopleClient } from "./people-client.ts";
import { buildRoom } from "./room-fixture.ts";
import type { TestAppOverrides } from "./test-app.ts";
import { startTestServer } from "./test-server.ts";

/** Registers the file's beforeAll/afterAll; the server and room are there from the first test on. */
export function usePeopleRoom(overrides: TestAppOverrides = {}) {
  let server: Awaited<ReturnType<typeof startTestServer>> | undefined;
  let room: Awaited<ReturnType<typeof buildRoom>> | undefined;
  const open: PeopleClient[] = [];
  beforeAll(async () => {
    server = await startTestServer(overrides);
    room = await buildRoom(server.app);
  });
  afterAll(async () => {
    for (const socket of open) socket.close();
    await server?.close();
  });
  const fixture = {
    get server() {
      return server!;
    },
    get room() {
      return room!;
    },
    /** A tab of the person with `cookie` (see connectPeople), on this server or at `url`. */
    async connect(
      cookie: string | undefined,
      options: Parameters<typeof connectPeople>[2] = {},
      url = server!.url,
    ) {
      const socket = await connectPeople(url, cookie, options);
      open.push(socket);
      return socket;
    },
    /** A tab that joined `roomId` (the room by default), with the presence list its join was answered with. */
    async join(
      cookie: string,
      roomId = room!.roomId,
      url = server!.url,
    ): Promise<{ socket: PeopleClient; presence: PresenceDto }> {
      const socket = await fixture.connect(cookie, {}, url);
      const ack = await socket.emitWithAck("room.join", { roomId });
      if (!ack.ok) throw new Error(ack.error.message);
      return { socket, presence: ack.presence };
    },
  };
  return fixture;
}
