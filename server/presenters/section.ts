// Sections and members' places in them → SectionListDto.
import type { Role } from "../../shared/schemas/groups.ts";
import type { SectionListDto } from "../../shared/schemas/sections.ts";
import { isSectioned } from "../domain/sections.ts";

/** The sections with their members and observers (join order), and those in none; teachers are never listed. */
export function presentSectionList(
  sections: { id: string; name: string; createdAt: Date }[],
  places: { userId: string; role: Role; sectionId: string | null }[],
): SectionListDto {
  const learners = places.filter((place) => isSectioned(place.role));
  const known = new Set(sections.map((section) => section.id));
  return {
    sections: sections.map((section) => ({
      id: section.id,
      name: section.name,
      createdAt: section.createdAt.toISOString(),
      memberIds: learners.filter((place) => place.sectionId === section.id).map((place) => place.userId),
    })),
    unsectioned: learners
      .filter((place) => place.sectionId === null || !known.has(place.sectionId))
      .map((place) => place.userId),
  };
}
