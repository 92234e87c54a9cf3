// The app's paths: the library, an invite, the reader of a room (optionally with one thread open), and the history of
// its text: one version read-only, or two compared.

/** What a path shows. */
export type Route =
  | { name: "library" }
  | { name: "invite"; token: string }
  | { name: "reader"; groupId: string; roomId: string; threadId: string | null }
  | { name: "version"; groupId: string; roomId: string; version: number }
  | { name: "compare"; groupId: string; roomId: string; from: number; to: number };

/** Changes the address: a new history entry, or (`replace`) the current one, as when a thread opens. */
export type Navigate = (path: string, options?: { replace?: boolean }) => void;

export { readerPath } from "../../shared/reader-path.ts";

/** The path of version `version` of a room's text, read-only. */
export const versionPath = (groupId: string, roomId: string, version: number) =>
  `/groups/${groupId}/rooms/${roomId}/versions/${version}`;

/** The path of the comparison of versions `from` and `to` of a room's text. */
export const comparePath = (groupId: string, roomId: string, from: number, to: number) =>
  `/groups/${groupId}/rooms/${roomId}/compare/${from}/${to}`;

/**
 * Routes: /, /invite/:token, /groups/:groupId/rooms/:roomId and …/threads/:threadId, …/versions/:n and
 * …/compare/:from/:to; anything else is the library.
 */
export function parseRoute(path: string): Route {
  const invite = /^\/invite\/([^/]+)$/.exec(path);
  if (invite) return { name: "invite", token: decodeURIComponent(invite[1]!) };
  const room = /^\/groups\/([\w-]+)\/rooms\/([\w-]+)(?:\/threads\/([\w-]+))?\/?$/.exec(path);
  if (room) return { name: "reader", groupId: room[1]!, roomId: room[2]!, threadId: room[3] ?? null };
  const history =
    /^\/groups\/([\w-]+)\/rooms\/([\w-]+)\/(?:versions\/([^/]+)|compare\/([^/]+)(?:\/([^/]+))?)\/?$/.exec(
      path,
    );
  // A number that names no version (0, -1, abc) still opens the history screen, which says it cannot open it.
  if (history?.[3])
    return { name: "version", groupId: history[1]!, roomId: history[2]!, version: Number(history[3]) };
  if (history)
    return {
      name: "compare",
      groupId: history[1]!,
      roomId: history[2]!,
      from: Number(history[4]),
      to: Number(history[5] ?? Number.NaN),
    };
  return { name: "library" };
}
