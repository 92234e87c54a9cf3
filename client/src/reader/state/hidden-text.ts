// Reading what a moderator hid: the room document every member holds keeps only a blank body, so moderators fetch
// the text from the threads API, which gives hidden bodies to them alone.
import { createContext, useEffect, useMemo, useRef } from "react";
import { api } from "../../api/http.ts";
import type { ViewThread } from "./thread-view.ts";

/** A hidden thread (`id` is `threadId`) or a hidden reply in thread `threadId`. */
export interface HiddenTarget {
  kind: "thread" | "comment";
  id: string;
  threadId: string;
}

/** The hidden text of `target`; rejects with the server's refusal, or when the server no longer has it. */
export type HiddenTextLoader = (target: HiddenTarget) => Promise<string>;

/** The reader's loader; without a provider nothing can be revealed. */
export const HiddenTextContext = createContext<HiddenTextLoader>(() =>
  Promise.reject(new Error("Hidden text cannot be shown here.")),
);

/**
 * A loader for room `roomId`. It asks only for the thread's block (`all` says which), so a large room is not
 * listed whole to show one paragraph's thread.
 */
export function useHiddenTextLoader(roomId: string, all: readonly ViewThread[]): HiddenTextLoader {
  const threads = useRef(all);
  useEffect(() => {
    threads.current = all;
  }, [all]);
  return useMemo<HiddenTextLoader>(
    () => async (target) => {
      const blockId = threads.current.find((thread) => thread.id === target.threadId)?.anchor.blockId;
      const listed = await api.threads(roomId, blockId ? { blockId } : {});
      const thread = listed.threads.find((candidate) => candidate.id === target.threadId);
      const found =
        target.kind === "thread" ? thread : thread?.comments?.find((comment) => comment.id === target.id);
      if (!found) throw new Error("The hidden text is no longer there.");
      return found.body;
    },
    [roomId],
  );
}
