// React bindings for a room's RoomClient: the replica (cached in IndexedDB), its changes and its connection state.
import { useEffect, useMemo, useState, useSyncExternalStore } from "react";
import { clearDocument, IndexeddbPersistence } from "y-indexeddb";
import * as Y from "yjs";
import { RoomClient, type ConnectionState } from "../../../shared/room-client/room-client.ts";
import type { RoomScope } from "../../../shared/room-doc.ts";
import { needsFreshReplica, replicaMoveOnClose } from "./veiled-switch.ts";
import { WebStorageQueue } from "../../../shared/room-client/mutation-queue.ts";

/** Whether this browser can cache replicas (not in tests without IndexedDB). */
export const hasIndexedDb = () => typeof indexedDB !== "undefined";

/**
 * A live RoomClient for one of the room's documents (the group's, or the instructors' when `enabled` for an
 * instructor or owner) for as long as the component is mounted. `veiled`: the group's veiled document instead (see
 * useGroupRoomClient), read into a fresh replica made again for each `generation`.
 */
export function useRoomClient(
  roomId: string,
  user: { id: string; name: string },
  scope: RoomScope = "group",
  enabled = true,
  veiled = false,
  generation = 0,
) {
  const [client, setClient] = useState<RoomClient | null>(null);
  useEffect(() => {
    if (!enabled) return;
    const suffix = scope === "group" ? "" : `-${scope}`;
    const doc = new Y.Doc();
    // The cached replica lets the room be read offline; the provider catches up from it by state vector. A veiled
    // view is not cached: its records are other Yjs items than the room's, and would fight them in one replica.
    const cacheName = `scholia-room-${roomId}${suffix}`;
    const cache = hasIndexedDb() && !veiled ? new IndexeddbPersistence(cacheName, doc) : null;
    // Nor is the room's replica kept while the room hides the class's threads from this reader: what an earlier
    // visit cached of them does not stay on the device.
    if (hasIndexedDb() && veiled) void clearDocument(cacheName);
    const next = new RoomClient({
      baseUrl: window.location.origin,
      roomId,
      scope,
      veiled,
      user,
      doc,
      // The same queue veiled or not: a thread written while veiled is still sent once the room opens.
      queueStorage: new WebStorageQueue(window.localStorage, `scholia-queue-${roomId}${suffix}-${user.id}`),
    });
    setClient(next);
    return () => {
      next.destroy();
      void cache?.destroy();
      setClient(null);
    };
  }, [roomId, user.id, user.name, scope, enabled, veiled, generation]); // eslint-disable-line react-hooks/exhaustive-deps -- user is matched by id/name
  return client;
}

/**
 * The room's group document for a reader, or, while the room hides the class's threads from them until they start
 * one (hide until posted), their veiled view of it: the server refuses the one that does not apply with a close code
 * saying which does, and the reader switches without a reload. `veiled` says which is read, `veiledBecause` the
 * server's reason for it (the reader's notice: hide until posted, or a discussion section).
 */
export function useGroupRoomClient(roomId: string, user: { id: string; name: string }) {
  const [veiled, setVeiled] = useState(false);
  // Why the server sent the reader to the veiled view (the close reason): hide until posted, or their section.
  const [veiledBecause, setVeiledBecause] = useState<string | null>(null);
  const [generation, setGeneration] = useState(0);
  const client = useRoomClient(roomId, user, "group", true, veiled, generation);
  useEffect(() => {
    if (!client) return;
    let synced = false;
    const onSync = (isSynced: boolean) => {
      if (isSynced) synced = true;
    };
    const onClose = (event: CloseEvent | null) => {
      const move = replicaMoveOnClose(event?.code ?? null, veiled);
      if (move === "stay") return;
      setVeiled(move === "veiled");
      setVeiledBecause(move === "veiled" ? (event?.reason ?? null) : null);
    };
    // However the socket came to reconnect (the server, the network, a silent line), a synced veiled replica is
    // replaced before it reads the new connection's view.
    const onStatus = ({ status }: { status: string }) => {
      if (status !== "connecting" || !needsFreshReplica({ veiled, synced })) return;
      client.provider.disconnect();
      setGeneration((count) => count + 1);
    };
    client.provider.on("sync", onSync);
    client.provider.on("connection-close", onClose);
    client.provider.on("status", onStatus);
    return () => {
      client.provider.off("sync", onSync);
      client.provider.off("connection-close", onClose);
      client.provider.off("status", onStatus);
    };
  }, [client, veiled]);
  return { client, veiled, veiledBecause };
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

/** Before the client exists: catching up, nothing waiting. */
const startingState: ConnectionState = { status: "syncing", pending: 0, network: true, signedOut: false };

/**
 * The connection state: live, syncing, offline (or reconnecting) with the number of changes waiting to be sent, or
 * closed and why. The client follows the platform's network signal itself and reports every change of it.
 */
export function useConnection(client: RoomClient | null): ConnectionState {
  const [state, setState] = useState<ConnectionState>(startingState);
  useEffect(() => {
    if (!client) return;
    setState(client.state());
    return client.onState(setState);
  }, [client]);
  return state;
}

/** True once `client`'s replica has held the server's state (and from then on, through later disconnections). */
export function useSynced(client: RoomClient | null): boolean {
  const [synced, setSynced] = useState<RoomClient | null>(null);
  useEffect(() => {
    if (!client) return;
    let current = true;
    void client.whenSynced().then(() => {
      if (current) setSynced(client);
    });
    return () => {
      current = false;
    };
  }, [client]);
  return client !== null && synced === client;
}
