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

/** Room `roomId` of group `groupId` as the reader's rooms list gives it; throws when it is not the reader's. */
export async function findRoom(groupId: string, roomId: string): Promise<RoomDto> {
  const { rooms } = await api.rooms(groupId);
  const room = rooms.find((candidate) => candidate.id === roomId);
  if (!room) throw new Error("This room does not exist, or you are not a member of its group.");
  return room;
}

/**
 * Loads the room's document version, falling back to the copy cached by the last visit when offline.
 * @throws the request's error when there is no cached copy, or an Error when the room is not the reader's.
 */
export async function loadText(groupId: string, roomId: string): Promise<LoadedText> {
  try {
    const [room, { groups }] = await Promise.all([findRoom(groupId, roomId), api.groups()]);
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
    cacheText(loaded);
    return loaded;
  } catch (error) {
    const cached = localStorage.getItem(cacheKey(roomId));
    if (cached) return JSON.parse(cached) as LoadedText;
    throw error;
  }
}

/** Keeps `loaded` as the room's copy for offline reading. */
function cacheText(loaded: LoadedText): void {
  try {
    localStorage.setItem(cacheKey(loaded.room.id), JSON.stringify(loaded));
  } catch {
    // A full storage only costs offline reading; the reader works without it.
  }
}

/**
 * `text` moved to version `number` of its document: the new version's blocks fetched, the rest kept, and the copy
 * for offline reading replaced, so a reader who comes back offline opens the room's current text.
 * @throws the request's ApiError (offline, or the version cannot be read).
 */
export async function loadVersion(text: LoadedText, number: number): Promise<LoadedText> {
  const { version } = await api.version(text.room.document.id, number);
  const moved: LoadedText = {
    ...text,
    room: { ...text.room, version: version.number },
    blocks: version.blocks,
  };
  cacheText(moved);
  return moved;
}
