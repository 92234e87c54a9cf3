// Who is in a room and where each is reading, over the tab's people socket; and where this reader is, sent back.
import { useEffect, useEffectEvent, useRef, useState } from "react";
import type { PresencePerson } from "../../../shared/people-protocol.ts";
import type { PeopleSocket } from "./people-socket.ts";

/** Where this reader is: the paragraph at the reading line, the open thread, and whether they stepped away. */
export interface Place {
  blockId: string | null;
  threadId: string | null;
  idle: boolean;
}

/** A move of the reading position waits this long for the next one, so a fast scroll sends one update, not fifty. */
export const moveGapMs = 400;

/**
 * Joins `roomId` on `socket` (again after every reconnection) and keeps its people as the server last listed them
 * (none until joined, and while disconnected or refused), apart from the room's Y.Doc:
 * presence is about people, not content, and is never stored. Sends `place` as it changes — a change of paragraph
 * at most every `moveGapMs`, a thread opened or stepping away at once. Leaves the room on unmount.
 */
export function usePresence(socket: PeopleSocket | null, roomId: string, place: Place): PresencePerson[] {
  const [people, setPeople] = useState<PresencePerson[]>([]);
  const latest = useRef(place);
  const sent = useRef<Place | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const lastSentAt = useRef(0);

  const send = useEffectEvent((next: Place) => {
    if (!socket?.connected) return;
    clearTimeout(timer.current);
    sent.current = next;
    lastSentAt.current = Date.now();
    socket.emit("presence.update", { roomId, ...next });
  });

  useEffect(() => {
    if (!socket) return;
    const join = () =>
      socket.emit("room.join", { roomId }, (result) => {
        // A refusal (not a member any more) leaves the list empty: the room's sync connection says why.
        if (!result.ok) return setPeople([]);
        setPeople(result.presence.people);
        // A fresh membership knows nothing of where this tab is.
        send(latest.current);
      });
    const onPresence = (dto: { roomId: string; people: PresencePerson[] }) => {
      if (dto.roomId === roomId) setPeople(dto.people);
    };
    // Whoever is still there is unknown until the room is joined again.
    const onDisconnect = () => setPeople([]);
    // Removed from the group: the server no longer lists this reader there (the sync socket closes the room too).
    const onClosed = (dto: { roomId: string }) => {
      if (dto.roomId === roomId) setPeople([]);
    };
    socket.on("connect", join);
    socket.on("presence", onPresence);
    socket.on("disconnect", onDisconnect);
    socket.on("room.closed", onClosed);
    if (socket.connected) join();
    return () => {
      clearTimeout(timer.current);
      socket.off("connect", join);
      socket.off("presence", onPresence);
      socket.off("disconnect", onDisconnect);
      socket.off("room.closed", onClosed);
      if (socket.connected) socket.emit("room.leave", { roomId });
      sent.current = null;
      setPeople([]);
    };
  }, [socket, roomId]);

  useEffect(() => {
    latest.current = place;
    const previous = sent.current;
    if (!previous) return;
    if (previous.threadId !== place.threadId || previous.idle !== place.idle) return send(place);
    if (previous.blockId === place.blockId) return;
    const wait = lastSentAt.current + moveGapMs - Date.now();
    if (wait <= 0) return send(place);
    clearTimeout(timer.current);
    timer.current = setTimeout(() => send(latest.current), wait);
  }, [place]);

  return people;
}
