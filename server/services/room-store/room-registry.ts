// Loads each room document once (under a single-flight load), keeps it in memory, and compacts its update log.
import type { Logger } from "pino";
import type { RoomScope } from "../../../shared/room-doc.ts";
import type { Prisma } from "../../data/database.ts";
import { compactRoomState, loadRoomState } from "../../data/room-updates.ts";
import { RoomDocument } from "./room-document.ts";

/** Merge the update log into the snapshot after this many appended updates. */
const compactEvery = 500;

export class RoomRegistry {
  private readonly loaded = new Map<string, Promise<RoomDocument>>();
  private readonly compacting = new Set<string>();

  /**
   * @param encodeUpdateMessage wraps a committed update in the wire message readers receive (encoded once per
   *   update, shared by every reader).
   */
  constructor(
    private readonly prisma: Prisma,
    private readonly logger: Logger,
    private readonly encodeUpdateMessage: (update: Uint8Array) => Uint8Array,
  ) {}

  /** The loaded document; concurrent callers share one load, and a failed load is not kept. */
  open(roomId: string, scope: RoomScope): Promise<RoomDocument> {
    const key = `${roomId}:${scope}`;
    let pending = this.loaded.get(key);
    if (!pending) {
      pending = this.load(roomId, scope);
      this.loaded.set(key, pending);
      pending.catch(() => this.loaded.delete(key));
    }
    return pending;
  }

  /** Counts a committed update and compacts in the background when the log has grown. */
  noteCommitted(document: RoomDocument): void {
    document.updatesSinceCompaction += 1;
    if (document.updatesSinceCompaction >= compactEvery) void this.compact(document);
  }

  async compact(document: RoomDocument): Promise<void> {
    const key = `${document.roomId}:${document.scope}`;
    if (this.compacting.has(key)) return;
    this.compacting.add(key);
    document.updatesSinceCompaction = 0;
    try {
      const merged = await compactRoomState(this.prisma, document.roomId, document.scope);
      this.logger.debug(
        { roomId: document.roomId, scope: document.scope, merged },
        "compacted room update log",
      );
    } catch (error) {
      this.logger.warn(
        { err: error, roomId: document.roomId },
        "room compaction failed; the log is kept and retried later",
      );
    } finally {
      this.compacting.delete(key);
    }
  }

  private async load(roomId: string, scope: RoomScope): Promise<RoomDocument> {
    const state = await loadRoomState(this.prisma, roomId, scope);
    const updates = [...(state.snapshot ? [state.snapshot] : []), ...state.updates.map((row) => row.update)];
    const document = new RoomDocument(roomId, scope, updates, this.encodeUpdateMessage);
    document.updatesSinceCompaction = state.updates.length;
    return document;
  }
}
