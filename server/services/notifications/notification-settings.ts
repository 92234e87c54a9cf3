// A person's notification settings: how they want e-mail, and which rooms they muted.
import type { EmailMode, NotificationSettingsDto } from "../../../shared/schemas/notifications.ts";
import { findEmailMode, listMutedRoomIds, saveEmailMode } from "../../data/notification-settings.ts";
import type { ServiceContext } from "../context.ts";

export async function getNotificationSettings(
  ctx: ServiceContext,
  userId: string,
): Promise<NotificationSettingsDto> {
  return { email: await findEmailMode(ctx.db, userId), mutedRoomIds: await listMutedRoomIds(ctx.db, userId) };
}

/** Saves what `change` sets (nothing else) and returns the settings after. */
export async function updateNotificationSettings(
  ctx: ServiceContext,
  userId: string,
  change: { email?: EmailMode | undefined },
): Promise<NotificationSettingsDto> {
  if (change.email !== undefined) await saveEmailMode(ctx.db, userId, change.email);
  return getNotificationSettings(ctx, userId);
}
