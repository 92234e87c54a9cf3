// The socket.io rooms of the people channel, by what their members share.

/** Every socket of one user (notifications go here). */
export const userRoom = (userId: string) => `user:${userId}`;
/** Every socket that joined a room. */
export const presenceRoom = (roomId: string) => `room:${roomId}`;
/** Sockets in the room that may see instructors' threads (owners and instructors). */
export const instructorsRoom = (roomId: string) => `room:${roomId}:instructors`;
/** Sockets in the room that may not (members and observers). */
export const learnersRoom = (roomId: string) => `room:${roomId}:learners`;
/** Sockets following `leaderId` in the room. */
export const followRoom = (roomId: string, leaderId: string) => `follow:${roomId}:${leaderId}`;
