// The reader's text following the room's version live: when the room's documents say the room moved to another
// version of its text, that version is fetched and swapped in place, the reader kept at their paragraph.
import { useCallback, useEffect, useLayoutEffect, useRef, useState } from "react";
import type { RoomClient } from "../../../../shared/room-client/room-client.ts";
import { ApiError } from "../../api/http.ts";
import { loadVersion, type LoadedText } from "../load-text.ts";
import { measurePlace, restorePlace, type PlaceToKeep } from "../text/keep-position.ts";

/** What the reader says about a version switch: the version it moved to, and why it could not be shown if not. */
export interface VersionSwitch {
  number: number;
  problem?: string;
  /** Not shown yet: the reader is writing a thread on the text they have (see useLiveText's `hold`). */
  held?: boolean;
}

/**
 * Watches the version the room's documents (`clients`: the group's, then the instructors') carry, once they hold
 * the server's state, and when it is not `text`'s, loads that version and hands it to `onText` — with the reader's
 * place measured before and restored after the new text is in the page. A reader offline during the move gets it
 * the same way once their replica catches up. A failed load is tried again when the connection changes. While
 * `hold` (a new thread is being written: its passage may not be in the new text, and the words must not vanish with
 * it) the switch waits; the thread then goes with the version it was written on, for the server to carry over.
 * @returns the last switch (null when none, or dismissed) and a way to dismiss its notice.
 */
export function useLiveText(
  text: LoadedText,
  clients: readonly (RoomClient | null)[],
  onText: (text: LoadedText) => void,
  hold = false,
): { moved: VersionSwitch | null; dismiss: () => void } {
  const [moved, setMoved] = useState<VersionSwitch | null>(null);
  const latest = useRef(text);
  const place = useRef<PlaceToKeep | null>(null);
  useLayoutEffect(() => {
    latest.current = text;
  });
  const [group = null, staff = null] = clients;

  useEffect(() => {
    const sources = [group, staff].filter((client) => client !== null);
    if (sources.length === 0) return;
    const synced = new Set<RoomClient>();
    let stopped = false;
    let loading = false;
    // After a failed load, wait for the connection to change rather than ask again on every change of the room.
    let waiting = false;
    let heldAt: number | undefined;
    const wanted = () => {
      for (const client of sources) {
        const version = synced.has(client) ? client.room.roomVersion() : undefined;
        if (version) return version.number;
      }
      return undefined;
    };
    const check = () => {
      const number = wanted();
      if (stopped || loading || waiting || number === undefined || number === latest.current.room.version)
        return;
      if (hold) {
        // Said once: a dismissed notice does not come back with every change of the room.
        if (heldAt !== number) setMoved({ number, held: true });
        heldAt = number;
        return;
      }
      loading = true;
      const before = latest.current;
      loadVersion(before, number)
        .then(
          (next) => {
            if (stopped) return;
            const threads = sources.flatMap((client) => [...client.room.threads.values()]);
            const ids = (blocks: LoadedText["blocks"]) => blocks.map((block) => block.anchorId);
            place.current = measurePlace(ids(before.blocks), ids(next.blocks), threads);
            // The browser's own scroll anchoring would move the page as well: the place is restored by hand alone.
            if (place.current) document.documentElement.style.overflowAnchor = "none";
            latest.current = next;
            setMoved({ number: next.room.version });
            onText(next);
          },
          (error: unknown) => {
            if (stopped) return;
            waiting = true;
            // Offline: the text follows once the connection is back, with nothing to say meanwhile.
            if (error instanceof ApiError && error.code === "network") return;
            const reason = error instanceof Error ? error.message : "Something went wrong.";
            setMoved({ number, problem: `Its text could not be loaded: ${reason}` });
          },
        )
        .finally(() => {
          loading = false;
          check(); // the room may have moved again meanwhile
        });
    };
    const offs = sources.flatMap((client) => {
      void client.whenSynced().then(() => {
        synced.add(client);
        check();
      });
      return [
        client.onChange(check),
        client.onState(() => {
          waiting = false;
          check();
        }),
      ];
    });
    return () => {
      stopped = true;
      for (const off of offs) off();
    };
  }, [group, staff, onText, hold]);

  useLayoutEffect(() => {
    if (!place.current) return;
    restorePlace(place.current);
    place.current = null;
    requestAnimationFrame(() => document.documentElement.style.removeProperty("overflow-anchor"));
  }, [text.blocks]);

  const dismiss = useCallback(() => setMoved(null), []);
  return { moved, dismiss };
}
