// The text of a room: its document version and the reader's role, with the last visit's copy for offline reading.
import { api, type Role, type RoomDto } from "../api/http.ts";
import type { Block } from "../../../shared/schemas/documents.ts";
import type { RoomSettingsDto } from "../../../shared/schemas/room-settings.ts";

/** A room's text as the reader shows it. */
export interface LoadedText {
  room: Pick<RoomDto, "id" | "document" | "version">;
  blocks: Block[];
  role: Role;
  /** The group lets members (not only owners and instructors) lead a "follow me". */
  membersMayLead: boolean;
  /** The room's settings (absent from a copy cached before rooms had them). */
  settings?: RoomSettingsDto;
  /** The group records each reader's time per paragraph for its analytics (disclosed in the reader). */
  recordReadingTime: boolean;
}

const cacheKey = (roomId: string) => `scholia-text-${roomId}`;

/**
 * Loads the room's document version, falling back to the copy cached by the last visit when offline.
 * @throws the request's error when there is no cached copy, or an Error when the room is not the reader's.
 */
export async function loadText(groupId: string, roomId: string): Promise<LoadedText> {
  try {
    const [{ rooms }, { groups }] = await Promise.all([api.rooms(groupId), api.groups()]);
    const room = rooms.find((candidate) => candidate.id === roomId);
    if (!room) throw new Error("This room does not exist, or you are not a member of its group.");
    const { version } = await api.version(room.document.id, room.version);
    const group = groups.find((candidate) => candidate.id === groupId);
    const loaded: LoadedText = {
      room: { id: room.id, document: room.document, version: room.version },
      blocks: version.blocks,
      role: group?.role ?? "observer",
      membersMayLead: group?.membersMayLead ?? false,
      settings: room.settings,
      recordReadingTime: group?.recordReadingTime ?? true,
    };
    try {
      localStorage.setItem(cacheKey(roomId), JSON.stringify(loaded));
    } catch {
      // A full storage only costs offline reading; the reader works without it.
    }
    return loaded;
  } catch (error) {
    const cached = localStorage.getItem(cacheKey(roomId));
    if (cached) return JSON.parse(cached) as LoadedText;
    throw error;
  }
}
