// The app's paths: the library, an invite, and the reader of a room, optionally with one thread open.

/** What a path shows. */
export type Route =
  | { name: "library" }
  | { name: "invite"; token: string }
  | { name: "reader"; groupId: string; roomId: string; threadId: string | null };

/** Changes the address: a new history entry, or (`replace`) the current one, as when a thread opens. */
export type Navigate = (path: string, options?: { replace?: boolean }) => void;

export { readerPath } from "../../shared/reader-path.ts";

/** Routes: /, /invite/:token, /groups/:groupId/rooms/:roomId and …/threads/:threadId; anything else is the library. */
export function parseRoute(path: string): Route {
  const invite = /^\/invite\/([^/]+)$/.exec(path);
  if (invite) return { name: "invite", token: decodeURIComponent(invite[1]!) };
  const room = /^\/groups\/([\w-]+)\/rooms\/([\w-]+)(?:\/threads\/([\w-]+))?\/?$/.exec(path);
  if (room) return { name: "reader", groupId: room[1]!, roomId: room[2]!, threadId: room[3] ?? null };
  return { name: "library" };
}
