// React binding for the user's private notes in a room: a Y.Doc only its owner opens, synced over its own socket.
import { useCallback, useEffect, useState } from "react";
import { IndexeddbPersistence } from "y-indexeddb";
import { WebsocketProvider } from "y-websocket";
import * as Y from "yjs";
import { privateNotesOf } from "../../../shared/private-notes.ts";
import { shouldReconnect, syncPaths } from "../../../shared/sync-protocol.ts";
import { hasIndexedDb } from "./use-room-client.ts";

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
    const notesMap = privateNotesOf(doc);
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
  const save = useCallback(
    (blockId: string, text: string) => {
      if (!map) return;
      if (text.trim() === "") map.delete(blockId);
      else map.set(blockId, text);
    },
    [map],
  );
  return { notes, save, problem };
}
