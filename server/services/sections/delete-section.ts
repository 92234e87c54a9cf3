// Deletes a discussion section; its members are left in no section (owners and instructors, audited).
import type { SectionListDto } from "../../../shared/schemas/sections.ts";
import { deleteSection as deleteSectionRow, findSection } from "../../data/sections.ts";
import { notFound } from "../../domain/app-error.ts";
import type { ServiceContext } from "../context.ts";
import { changeSections, readSectionList } from "./manage-sections.ts";

/** Errors: 404 outsiders or a section not of this group, 403 learners. */
export function deleteSection(
  ctx: ServiceContext,
  userId: string,
  groupId: string,
  sectionId: string,
): Promise<SectionListDto> {
  return changeSections(ctx, userId, groupId, "section.deleted", async (tx) => {
    const section = await findSection(tx, groupId, sectionId);
    if (!section) throw notFound("Section");
    await deleteSectionRow(tx, sectionId);
    return {
      result: await readSectionList(tx, groupId),
      targetId: sectionId,
      details: { name: section.name },
    };
  });
}
