// The socket.io rooms of the people channel, by what their members share.

/** Every socket of one user (notifications go here). */
export const userRoom = (userId: string) => `user:${userId}`;
/** Every socket that joined a room. */
export const presenceRoom = (roomId: string) => `room:${roomId}`;
/** Sockets in the room that may see instructors' threads (owners and instructors). */
export const instructorsRoom = (roomId: string) => `room:${roomId}:instructors`;
/** Sockets in the room that may not (members and observers). */
export const learnersRoom = (roomId: string) => `room:${roomId}:learners`;
/** Sockets in the room that do not see the class's threads yet (hide until posted): told no thread ids, no typing. */
export const veiledRoom = (roomId: string) => `room:${roomId}:veiled`;
/** Sockets in the room that see the class's threads: every socket in it is in this room or in veiledRoom. */
export const unveiledRoom = (roomId: string) => `room:${roomId}:unveiled`;
/** Sockets following `leaderId` in the room. */
export const followRoom = (roomId: string, leaderId: string) => `follow:${roomId}:${leaderId}`;
