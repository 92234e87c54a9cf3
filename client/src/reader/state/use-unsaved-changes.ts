// The changes the server did not save, from both of the room's documents, with retry and discard routed to the
// document that holds each, and what happened said to screen-reader users.
import { useMemo } from "react";
import type { RoomClient } from "../../../../shared/room-client/room-client.ts";
import { capitalize, describeChange, threadOfChange, type UnsavedChanges } from "./unsaved-changes.ts";

/**
 * The failed mutations of `client` and `staffClient` (null when not open), recomputed when `revision` (which
 * follows both documents and their queues) changes. `announce` tells screen-reader users what Retry and Discard did.
 */
export function useUnsavedChanges(
  client: RoomClient | null,
  staffClient: RoomClient | null,
  revision: number,
  announce: (message: string) => void,
): UnsavedChanges {
  return useMemo(() => {
    const clients = [client, staffClient].filter((candidate) => candidate !== null);
    const failures = clients
      .flatMap((candidate) => candidate.failures())
      .sort((a, b) => a.createdAt.localeCompare(b.createdAt));
    // Looked up when called, not from this render's list: a retry may have settled it meanwhile.
    const holder = (key: string) => clients.find((candidate) => candidate.discardGroup(key).length > 0);
    return {
      failures,
      retry: (key) => {
        const found = holder(key);
        const item = found?.discardGroup(key)[0];
        if (found?.retry(key) && item) announce(`Sending ${describeChange(item)} again.`);
      },
      discard: (key) => {
        const found = holder(key);
        const group = found?.discardGroup(key) ?? [];
        if (found?.discard(key) && group[0]) {
          const others = group.length - 1;
          announce(
            `${capitalize(describeChange(group[0]))} discarded${others > 0 ? `, with ${others} more` : ""}.`,
          );
        }
      },
      discardGroup: (key) => holder(key)?.discardGroup(key) ?? [],
      threadOf: (item) =>
        threadOfChange(item, {
          commentThread: (id) =>
            clients.map((candidate) => candidate.room.comment(id)?.threadId).find(Boolean),
          isThread: (id) => clients.some((candidate) => candidate.room.thread(id) !== undefined),
          queued: failures,
        }),
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- revision tracks the clients' changes
  }, [client, staffClient, revision, announce]);
}
