// Renames a discussion section (owners and instructors, audited).
import type { RenameSectionInput, SectionListDto } from "../../../shared/schemas/sections.ts";
import { findSection, renameSection as renameSectionRow } from "../../data/sections.ts";
import { notFound } from "../../domain/app-error.ts";
import type { ServiceContext } from "../context.ts";
import { changeSections, readSectionList } from "./manage-sections.ts";
import { assertNameFree } from "./section-name.ts";

/** Errors: 404 outsiders or a section not of this group, 403 learners, 409 a name taken. */
export function renameSection(
  ctx: ServiceContext,
  userId: string,
  groupId: string,
  sectionId: string,
  input: RenameSectionInput,
): Promise<SectionListDto> {
  return changeSections(ctx, userId, groupId, "section.renamed", async (tx) => {
    const section = await findSection(tx, groupId, sectionId);
    if (!section) throw notFound("Section");
    await assertNameFree(tx, groupId, input.name, sectionId);
    await renameSectionRow(tx, sectionId, input.name);
    return {
      result: await readSectionList(tx, groupId),
      targetId: sectionId,
      details: { from: section.name, to: input.name },
    };
  });
}
