// The reader's thread views as one hook: both room documents' threads, their filter counts, and the derived view.
import { useMemo } from "react";
import type { RoomClient } from "../../../../shared/room-client/room-client.ts";
import { useRoomVersion } from "../../realtime/use-room-client.ts";
import { readableReplyBodies } from "../../../../shared/search-words.ts";
import { countFilters, type FilterCounts, type Filters, type RepliesOf } from "./filters.ts";
import {
  deriveThreadView,
  shownThreads,
  type BlockIndex,
  type ThreadView,
  type ViewThread,
} from "./thread-view.ts";

/** Everything the reader shows of the threads, recomputed when either document or the filters change. */
export interface ReaderThreads extends ThreadView {
  /** Changes with every change of either document, so memoised cards refresh their replies and reactions. */
  revision: number;
  /** Every thread shown, before filters (the group's, then the instructors'). */
  all: ViewThread[];
  counts: FilterCounts;
}

/**
 * The threads of the group's document and, for instructors and owners, the instructors' document (`staffClient`),
 * as the reader shows them with `filters`; the words filter searches the replies too (hidden ones only for a
 * `moderator`).
 */
export function useReaderThreads(
  client: RoomClient | null,
  staffClient: RoomClient | null,
  index: BlockIndex,
  filters: Filters,
  userId: string,
  moderator = false,
): ReaderThreads {
  const revision = useRoomVersion(client) + useRoomVersion(staffClient);
  const all = useMemo(
    () => [...shownThreads(client), ...shownThreads(staffClient)],
    // eslint-disable-next-line react-hooks/exhaustive-deps -- revision tracks the clients' changes
    [client, staffClient, revision],
  );
  const replies = useMemo<RepliesOf>(
    () => (threadId) =>
      readableReplyBodies(
        [...(client?.comments(threadId) ?? []), ...(staffClient?.comments(threadId) ?? [])],
        moderator,
      ),
    // eslint-disable-next-line react-hooks/exhaustive-deps -- revision tracks the clients' changes
    [client, staffClient, revision, moderator],
  );
  const counts = useMemo(
    () => countFilters(all, userId, filters.query, replies),
    [all, userId, filters.query, replies],
  );
  const view = useMemo(
    () => deriveThreadView(all, filters, userId, index, replies),
    [all, filters, userId, index, replies],
  );
  return { ...view, revision, all, counts };
}
