// Wire constants of the Yjs sync endpoints, shared by server and client: message types and close codes.

/** y-websocket message types (first varuint of every message). */
export const messageType = { sync: 0, awareness: 1, auth: 2, queryAwareness: 3 } as const;

/**
 * Close codes. 4400–4499 tell y-websocket's client not to reconnect (a decision reconnecting cannot change);
 * 4500–4599 mean "try again later".
 */
export const closeCode = {
  unauthenticated: 4401,
  forbidden: 4403,
  notFound: 4404,
  tooManyConnections: 4429,
  messageTooLarge: 4413,
  malformed: 4400,
  slowReader: 4508,
  tooManyRequests: 4529,
  accessChanged: 4509,
  /**
   * The room hides some of the class's threads from this reader (until they start one, or those of other
   * discussion sections): read syncPaths.veiledRoom instead. The reason says which.
   */
  hiddenUntilPosted: 4412,
  /** The room no longer hides the class's threads from this reader: read the room's document (syncPaths.room). */
  roomOpened: 4410,
  shuttingDown: 4503,
  notStored: 4500,
} as const;

/**
 * How often the server sends each sync connection a keep-alive (an empty awareness message) and pings it. Clients
 * time out on it (`silenceTimeoutMs`), so it bounds how late a silently dead connection is noticed. The cost of 5 s:
 * per idle connection, one 3-byte message and one ping/pong every 5 s (10,000 readers: 2,000 sends a second).
 */
export const keepAliveIntervalMs = 5_000;

/**
 * A client that has heard nothing on a synced connection for this long takes it for dead and reconnects. Two
 * keep-alive intervals, so that one keep-alive held up by a busy server is not mistaken for a dead line.
 */
export const silenceTimeoutMs = 2 * keepAliveIntervalMs;

/** The reason sent with a permission-denied message when a reader tries to change a room document. */
export const readOnlyReason =
  "This room document is read-only for clients: send changes through the REST API (POST /api/rooms/:roomId/threads…).";

export const syncPaths = {
  room: (roomId: string, scope: "group" | "instructors" = "group") =>
    scope === "group" ? `/yjs/rooms/${roomId}` : `/yjs/rooms/${roomId}/instructors`,
  notes: (roomId: string) => `/yjs/notes/${roomId}`,
  /** What a reader reads while the room hides the class's threads from them (hide until posted). */
  veiledRoom: (roomId: string) => `/yjs/rooms/${roomId}/veiled`,
} as const;

/**
 * Whether a y-websocket client reconnects after the server closed the connection: not after a refusal
 * (4400–4499) nor after a message too large for the server (1009), which reconnecting would only repeat.
 */
export const shouldReconnect = (event: { code: number }): boolean =>
  !(event.code >= 4400 && event.code < 4500) && event.code !== 1009;
