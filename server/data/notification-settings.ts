// A person's notification settings: their e-mail mode (NotificationPreference) and the rooms they muted (RoomMute).
import type { EmailMode } from "../../shared/schemas/notifications.ts";
import { prismaOf } from "./clients.ts";
import type { Db } from "./db.ts";

/** The e-mail mode of `userId`; "never" until they choose. */
export async function findEmailMode(db: Db, userId: string): Promise<EmailMode> {
  const row = await prismaOf(db).notificationPreference.findUnique({
    where: { userId },
    select: { email: true },
  });
  return (row?.email as EmailMode | undefined) ?? "never";
}

export async function saveEmailMode(db: Db, userId: string, email: EmailMode): Promise<void> {
  await prismaOf(db).notificationPreference.upsert({
    where: { userId },
    create: { userId, email },
    update: { email },
  });
}

/** The rooms `userId` muted, among those of groups they still belong to, oldest mute first. */
export async function listMutedRoomIds(db: Db, userId: string): Promise<string[]> {
  const rows = await prismaOf(db).roomMute.findMany({
    where: { userId, room: { group: { memberships: { some: { userId } } } } },
    orderBy: { createdAt: "asc" },
    select: { roomId: true },
  });
  return rows.map((row) => row.roomId);
}

/** Mutes or unmutes `roomId` for `userId`; doing it twice changes nothing. */
export async function setRoomMuted(db: Db, userId: string, roomId: string, muted: boolean): Promise<void> {
  if (muted) {
    await prismaOf(db).roomMute.upsert({
      where: { userId_roomId: { userId, roomId } },
      create: { userId, roomId },
      update: {},
    });
  } else {
    await prismaOf(db).roomMute.deleteMany({ where: { userId, roomId } });
  }
}
