// "X is replying…": the room's typing board and this reader's own signal, reached by thread cards through context.
import { createContext, useContext, useEffect, useMemo, useRef, useState, useSyncExternalStore } from "react";
import { typingRenewMs } from "../../../shared/people-protocol.ts";
import type { PeopleSocket } from "./people-socket.ts";
import { createTypingBoard, type TypingBoard, type Typists } from "./typing-board.ts";

/** What thread cards reach: who else is replying, and how to say that this reader is. */
export interface Typing {
  board: TypingBoard;
  /** Tells the room that this reader is (`typing`) or stopped replying in `threadId`. */
  signal: (threadId: string, typing: boolean) => void;
}

/** Without a room (tests of a card alone), nobody replies and signals go nowhere. */
export const TypingContext = createContext<Typing>({ board: createTypingBoard(""), signal: () => undefined });

/** The room's typing, fed by `socket`'s `typing` events for `roomId`; cleared when the connection drops. */
export function useRoomTyping(socket: PeopleSocket | null, roomId: string, selfId: string): Typing {
  const [board] = useState(() => createTypingBoard(selfId));
  useEffect(() => {
    if (!socket) return;
    const onTyping = (signal: Parameters<TypingBoard["receive"]>[0]) => {
      if (signal.roomId === roomId) board.receive(signal);
    };
    const onDisconnect = () => board.clear();
    socket.on("typing", onTyping);
    socket.on("disconnect", onDisconnect);
    return () => {
      socket.off("typing", onTyping);
      socket.off("disconnect", onDisconnect);
      board.clear();
    };
  }, [socket, roomId, board]);
  return useMemo(
    () => ({
      board,
      signal: (threadId: string, typing: boolean) => {
        if (socket?.connected) socket.emit("typing", { roomId, threadId, typing });
      },
    }),
    [board, socket, roomId],
  );
}

/** The names of the others replying in `threadId`; re-renders only when they change. */
export function useTypists(threadId: string): Typists {
  const { board } = useContext(TypingContext);
  return useSyncExternalStore(board.subscribe, () => board.typists(threadId));
}

/**
 * This reader's signal while a reply box of `threadId` is open: call the returned function with the box's text on
 * every change. A non-empty text says "typing" (renewed at most every `typingRenewMs`, as others forget it after
 * `typingExpiresMs`); an empty one, or the box closing (sent or cancelled), says "stopped".
 */
export function useReplySignal(threadId: string): (body: string) => void {
  const { signal } = useContext(TypingContext);
  const lastSent = useRef<number | null>(null);
  useEffect(
    () => () => {
      if (lastSent.current !== null) signal(threadId, false);
      lastSent.current = null;
    },
    [signal, threadId],
  );
  return (body: string) => {
    if (body.trim().length === 0) {
      if (lastSent.current !== null) signal(threadId, false);
      lastSent.current = null;
    } else if (lastSent.current === null || Date.now() - lastSent.current >= typingRenewMs) {
      lastSent.current = Date.now();
      signal(threadId, true);
    }
  };
}
