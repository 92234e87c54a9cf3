// Room → RoomDto.
import type { RoomDto } from "../../shared/schemas/document-api.ts";

export function presentRoom(row: {
  id: string;
  groupId: string;
  createdAt: Date;
  hideUntilPosted: boolean;
  instructorThreadsVisible: boolean;
  archivedAt: Date | null;
  document: { id: string; title: string; author: string | null };
  version: { number: number };
}): RoomDto {
  return {
    id: row.id,
    groupId: row.groupId,
    document: row.document,
    version: row.version.number,
    createdAt: row.createdAt.toISOString(),
    settings: {
      hideUntilPosted: row.hideUntilPosted,
      instructorThreadsVisible: row.instructorThreadsVisible,
      archived: row.archivedAt !== null,
    },
  };
}
