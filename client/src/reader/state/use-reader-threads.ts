// The reader's thread views as one hook: both room documents' threads, their filter counts, and the derived view.
import { useMemo } from "react";
import type { RoomClient } from "../../../../shared/room-client/room-client.ts";
import { useRoomVersion } from "../../realtime/use-room-client.ts";
import { countFilters, type FilterCounts, type Filters } from "./filters.ts";
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
 * as the reader shows them with `filters`.
 */
export function useReaderThreads(
  client: RoomClient | null,
  staffClient: RoomClient | null,
  index: BlockIndex,
  filters: Filters,
  userId: string,
): ReaderThreads {
  const revision = useRoomVersion(client) + useRoomVersion(staffClient);
  const all = useMemo(
    () => [...shownThreads(client), ...shownThreads(staffClient)],
    // eslint-disable-next-line react-hooks/exhaustive-deps -- revision tracks the clients' changes
    [client, staffClient, revision],
  );
  const counts = useMemo(() => countFilters(all, userId), [all, userId]);
  const view = useMemo(() => deriveThreadView(all, filters, userId, index), [all, filters, userId, index]);
  return { ...view, revision, all, counts };
}
