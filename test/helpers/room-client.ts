// A RoomClient in Node for one of a test room's people: their session cookie on REST and on the sync socket.
import { RoomClient, type RoomClientOptions } from "../../shared/room-client/room-client.ts";
import type { Person } from "./room-fixture.ts";
import { webSocketWithCookie } from "./test-server.ts";

export function roomClientFor(
  baseUrl: string,
  roomId: string,
  person: Pick<Person, "id" | "displayName" | "cookie">,
  options: Partial<RoomClientOptions> = {},
): RoomClient {
  return new RoomClient({
    baseUrl,
    roomId,
    user: { id: person.id, name: person.displayName },
    headers: { cookie: person.cookie },
    WebSocket: webSocketWithCookie(person.cookie),
    ...options,
  });
}
