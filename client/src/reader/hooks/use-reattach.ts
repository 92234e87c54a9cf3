// Re-attaching a detached thread by hand (instructors and owners): the thread chosen, then the next passage or
// paragraph the reader picks becomes its anchor, sent to the server; Escape or Cancel gives up.
import { useCallback, useState } from "react";
import type { Anchor } from "../../../../shared/room-doc.ts";
import { api, ApiError } from "../../api/http.ts";

/** The state of a re-attachment, and what the reader can do with it. */
export interface Reattach {
  /** The thread being attached, until the server took its new anchor or the reader gave up. */
  threadId: string | null;
  /** Why the last try failed, in words. */
  problem: string | null;
  sending: boolean;
  start(threadId: string): void;
  cancel(): void;
  /** Sends `anchor` as the thread's new anchor; `onAttached` is called once the server took it. */
  attach(anchor: Anchor): void;
}

/**
 * Re-attachment in room `roomId`; `onAttached(threadId, anchor)` follows a success (to open the thread where it now
 * is and say so).
 */
export function useReattach(
  roomId: string,
  onAttached: (threadId: string, anchor: Anchor) => void,
): Reattach {
  const [threadId, setThreadId] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [sending, setSending] = useState(false);
  const start = useCallback((id: string) => {
    setThreadId(id);
    setProblem(null);
  }, []);
  const cancel = useCallback(() => {
    setThreadId(null);
    setProblem(null);
  }, []);
  const attach = useCallback(
    (anchor: Anchor) => {
      if (threadId === null || sending) return;
      setSending(true);
      setProblem(null);
      api.reattachThread(roomId, threadId, anchor).then(
        () => {
          setSending(false);
          setThreadId(null);
          onAttached(threadId, anchor);
        },
        (error: unknown) => {
          setSending(false);
          const reason = error instanceof ApiError ? error.message : "Something went wrong.";
          setProblem(`The thread was not attached: ${reason}`);
        },
      );
    },
    [roomId, threadId, sending, onAttached],
  );
  return { threadId, problem, sending, start, cancel, attach };
}
