// What a reader of a room's live document is served, the whole room or a veil over it, as a short fingerprint a live
// connection keeps: after access events were missed, its view is compared with the one that applies now.
import { createHash } from "node:crypto";
import { AppError } from "../../domain/app-error.ts";
import type { Veil } from "../../domain/hide-until-posted.ts";
import type { ServiceContext } from "../context.ts";
import { loadRoomActor } from "./load-room-actor.ts";
import { loadVeil } from "./load-veil.ts";

/** "room" for the whole room; for a veil, a SHA-256 digest (base64url) of whose words show and why. */
export function viewFingerprint(veil: Veil | undefined): string {
  if (!veil) return "room";
  const canonical = JSON.stringify([veil.untilPosted, [...veil.authorIds].sort()]);
  return createHash("sha256").update(canonical).digest("base64url");
}

/**
 * The view `userId` would be served in `roomId` now (viewFingerprint), or null when they may no longer open the
 * room (not a member, or its text removed). Any other failure (the database unreachable) is thrown.
 */
export async function currentRoomView(
  ctx: ServiceContext,
  roomId: string,
  userId: string,
): Promise<string | null> {
  try {
    return viewFingerprint(await loadVeil(ctx, await loadRoomActor(ctx, roomId, userId)));
  } catch (error) {
    if (error instanceof AppError && (error.code === "not_found" || error.code === "forbidden")) return null;
    throw error;
  }
}
