// Splits a class into discussion sections automatically, replacing the sections it had (owners and instructors).
import type { AutoSplitInput, SectionListDto } from "../../../shared/schemas/sections.ts";
import { deleteSectionsOf, insertSection, listSectionPlaces, placeMembers } from "../../data/sections.ts";
import { isSectioned, sectionCountFor, splitIntoSections } from "../../domain/sections.ts";
import type { ServiceContext } from "../context.ts";
import { changeSections, readSectionList } from "./manage-sections.ts";

/**
 * Deletes the group's sections and makes "Section 1" … "Section k" of its members and observers in join order
 * (domain/sections.ts splitIntoSections: the same class always splits the same way). Replacing rather than
 * refilling the old sections keeps the result the same whatever was there before; the audit event keeps the sizes.
 */
export function autoSplitSections(
  ctx: ServiceContext,
  userId: string,
  groupId: string,
  input: AutoSplitInput,
): Promise<SectionListDto> {
  return changeSections(ctx, userId, groupId, "section.auto_split", async (tx) => {
    const learners = (await listSectionPlaces(tx, groupId))
      .filter((place) => isSectioned(place.role))
      .map((place) => place.userId);
    const count = input.count ?? sectionCountFor(learners.length, input.perSection!);
    const split = splitIntoSections(learners, count);
    await deleteSectionsOf(tx, groupId);
    for (const [index, memberIds] of split.entries()) {
      const section = await insertSection(tx, groupId, `Section ${index + 1}`);
      await placeMembers(tx, groupId, memberIds, section.id);
    }
    return {
      result: await readSectionList(tx, groupId),
      targetId: groupId,
      details: { ...input, sizes: split.map((members) => members.length) },
    };
  });
}
