// Thread links: the address names the open thread (…/threads/<id>), and opening such an address opens that thread.
import { useEffect, useEffectEvent, useRef, useState } from "react";
import type { Navigate } from "../../routes.ts";
import type { ViewThread } from "../state/thread-view.ts";

/** Why a linked thread could not be opened. */
export type LinkProblem = "deleted" | "missing";

export interface ThreadLinkOptions {
  /** The thread the address names (null: none). */
  requested: string | null;
  activeId: string | null;
  /** The threads the reader shows. */
  threads: readonly ViewThread[];
  /**
   * Whether the replicas hold the thread right now: "shown" (the reader shows it, perhaps a render later than
   * `threads`), "deleted" (deleted with no replies, so never shown) or null (not there).
   */
  lookup: (threadId: string) => "shown" | "deleted" | null;
  /** Whether the replicas hold the server's state, so a thread not in them does not exist for this reader. */
  synced: boolean;
  /** The address of the room with `threadId` open. */
  pathOf: (threadId: string | null) => string;
  navigate: Navigate;
  /** Opens a linked thread: shows it, brings it into view and gives it focus. */
  open: (thread: ViewThread) => void;
  close: () => void;
}

/**
 * Keeps the address and the open thread in step: a thread named by the address (on arrival, or on back/forward) is
 * opened once it is in the replica; opening or closing a thread replaces the address, so a copied address opens
 * it again and back/forward go between pages, not between every thread glanced at. A link to a thread that was
 * deleted or that this reader cannot see gives a problem to show instead of failing silently.
 */
export function useThreadLink(options: ThreadLinkOptions): {
  problem: LinkProblem | null;
  dismiss: () => void;
} {
  const { requested, activeId, threads, synced } = options;
  const [pending, setPending] = useState(requested);
  const [problem, setProblem] = useState<LinkProblem | null>(null);
  const lastRequested = useRef(requested);
  const lastActive = useRef(activeId);

  const follow = useEffectEvent((next: string | null) => {
    // The reader writes the address itself as threads open, and `requested` arrives a render later. Following it
    // then would reopen a thread the reader has moved past (j pressed quickly went back): not when a thread opened
    // since is yet to be written to the address, nor when the address has been rewritten since.
    if (activeId !== lastActive.current || options.pathOf(next) !== window.location.pathname) return;
    if (next === null) {
      if (activeId) options.close();
    } else if (next !== activeId) setPending(next);
  });
  useEffect(() => {
    if (requested === lastRequested.current) return;
    lastRequested.current = requested;
    follow(requested);
  }, [requested]);

  const settle = useEffectEvent((threadId: string) => {
    const thread = threads.find((candidate) => candidate.id === threadId);
    if (thread) {
      options.open(thread);
      setProblem(null);
    } else {
      // Until synced, the thread may yet arrive; once synced, one the replica holds arrives with the next render.
      const found = synced ? options.lookup(threadId) : "shown";
      if (found === "shown") return;
      setProblem(found ?? "missing");
    }
    setPending(null);
  });
  useEffect(() => {
    if (pending) settle(pending);
  }, [pending, threads, synced]);

  const mirror = useEffectEvent((threadId: string | null) => {
    // The reader opened another thread while the linked one was on its way: theirs wins.
    if (pending && threadId !== pending) setPending(null);
    if (threadId) setProblem(null);
    const path = options.pathOf(threadId);
    if (path !== window.location.pathname) options.navigate(path, { replace: true });
  });
  useEffect(() => {
    if (activeId === lastActive.current) return;
    lastActive.current = activeId;
    mirror(activeId);
  }, [activeId]);

  const dismiss = () => {
    setProblem(null);
    if (!activeId) options.navigate(options.pathOf(null), { replace: true });
  };
  return { problem, dismiss };
}
