// The reader's address of a room or of one of its threads, made by the client's router and by the exports' links.

/** The path of a room's reader, or of one of its threads (a link that opens it). */
export const readerPath = (groupId: string, roomId: string, threadId?: string | null) =>
  `/groups/${groupId}/rooms/${roomId}${threadId ? `/threads/${threadId}` : ""}`;
