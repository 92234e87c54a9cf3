// React bindings for a room: the RoomClient (replica cached in IndexedDB, queue in localStorage) and private notes.
import { useEffect, useMemo, useState, useSyncExternalStore } from "react";
import { IndexeddbPersistence } from "y-indexeddb";
import { WebsocketProvider } from "y-websocket";
import * as Y from "yjs";
import { RoomClient, type ConnectionState } from "../../../shared/room-client/room-client.ts";
import type { RoomScope } from "../../../shared/room-doc.ts";
import { WebStorageQueue } from "../../../shared/room-client/mutation-queue.ts";
import { shouldReconnect, syncPaths } from "../../../shared/sync-protocol.ts";

const hasIndexedDb = () => typeof indexedDB !== "undefined";

/**
 * A live RoomClient for one of the room's documents (the group's, or the instructors' when `enabled` for an
 * instructor or owner) for as long as the component is mounted.
 */
export function useRoomClient(
  roomId: string,
  user: { id: string; name: string },
  scope: RoomScope = "group",
  enabled = true,
) {
  const [client, setClient] = useState<RoomClient | null>(null);
  useEffect(() => {
    if (!enabled) return;
    const suffix = scope === "group" ? "" : `-${scope}`;
    const doc = new Y.Doc();
    // The cached replica lets the room be read offline; the provider catches up from it by state vector.
    const cache = hasIndexedDb() ? new IndexeddbPersistence(`scholia-room-${roomId}${suffix}`, doc) : null;
    const next = new RoomClient({
      baseUrl: window.location.origin,
      roomId,
      scope,
      user,
      doc,
      queueStorage: new WebStorageQueue(window.localStorage, `scholia-queue-${roomId}${suffix}-${user.id}`),
    });
    setClient(next);
    return () => {
      next.destroy();
      void cache?.destroy();
      setClient(null);
    };
  }, [roomId, user.id, user.name, scope, enabled]); // eslint-disable-line react-hooks/exhaustive-deps -- user is matched by id/name
  return client;
}

/** Re-renders on every replica or overlay change; returns a number that changes with them. */
export function useRoomVersion(client: RoomClient | null): number {
  const store = useMemo(() => {
    let version = 0;
    return {
      subscribe: (notify: () => void) => {
        if (!client) return () => undefined;
        let frame = 0;
        // Coalesce bursts (a catch-up sync applies many updates) into one render per frame.
        const off = client.onChange(() => {
          if (frame) return;
          frame = requestAnimationFrame(() => {
            frame = 0;
            version += 1;
            notify();
          });
        });
        return () => {
          cancelAnimationFrame(frame);
          off();
        };
      },
      get: () => version,
    };
  }, [client]);
  return useSyncExternalStore(store.subscribe, store.get);
}

/** The connection state: live, syncing, or offline with the number of changes waiting to be sent. */
export function useConnection(client: RoomClient | null): ConnectionState {
  const [state, setState] = useState<ConnectionState>({ status: "syncing", pending: 0 });
  useEffect(() => {
    if (!client) return;
    setState(client.state());
    const off = client.onState(setState);
    const onNetwork = () => setState(client.state());
    window.addEventListener("online", onNetwork);
    window.addEventListener("offline", onNetwork);
    return () => {
      off();
      window.removeEventListener("online", onNetwork);
      window.removeEventListener("offline", onNetwork);
    };
  }, [client]);
  return state;
}

/**
 * The user's private notes for a room: block id → note text, in a Y.Doc only its owner can open (cached in
 * IndexedDB, so a note the server refused is still kept in this browser).
 */
export function usePrivateNotes(roomId: string, userId: string) {
  const [notes, setNotes] = useState<Map<string, string>>(new Map());
  const [map, setMap] = useState<Y.Map<string> | null>(null);
  /** Why the server stopped taking these notes (over the size limit, signed out), if it did. */
  const [problem, setProblem] = useState<string | null>(null);
  useEffect(() => {
    const doc = new Y.Doc();
    const cache = hasIndexedDb() ? new IndexeddbPersistence(`scholia-notes-${roomId}-${userId}`, doc) : null;
    const path = syncPaths.notes(roomId);
    const slash = path.lastIndexOf("/");
    const wsBase = window.location.origin.replace(/^http/, "ws");
    const provider = new WebsocketProvider(`${wsBase}${path.slice(0, slash)}`, path.slice(slash + 1), doc, {
      disableBc: true,
      maxBackoffTime: 5_000,
      shouldReconnect,
    });
    provider.on("closed", ({ reason }: { code: number; reason: string }) =>
      setProblem(reason || "The server closed the connection."),
    );
    provider.on("status", ({ status }: { status: string }) => {
      if (status === "connected") setProblem(null);
    });
    const notesMap = doc.getMap<string>("notes");
    const refresh = () => setNotes(new Map(notesMap.entries()));
    notesMap.observe(refresh);
    refresh();
    setMap(notesMap);
    return () => {
      notesMap.unobserve(refresh);
      provider.destroy();
      void cache?.destroy();
      doc.destroy();
    };
  }, [roomId, userId]);
  const save = (blockId: string, text: string) => {
    if (!map) return;
    if (text.trim() === "") map.delete(blockId);
    else map.set(blockId, text);
  };
  return { notes, save, problem };
}
