// Group with the viewer's role → GroupDto.
import type { GroupDto, Role } from "../../shared/schemas/groups.ts";

export function presentGroup(entry: {
  group: {
    id: string;
    name: string;
    description: string;
    createdAt: Date;
    recordReadingTime: boolean;
    membersMayLead: boolean;
    timeZone: string;
  };
  role: Role;
  memberCount: number;
}): GroupDto {
  return {
    id: entry.group.id,
    name: entry.group.name,
    description: entry.group.description,
    role: entry.role,
    memberCount: entry.memberCount,
    createdAt: entry.group.createdAt.toISOString(),
    recordReadingTime: entry.group.recordReadingTime,
    membersMayLead: entry.group.membersMayLead,
    timeZone: entry.group.timeZone,
  };
}
