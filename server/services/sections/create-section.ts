// Creates a discussion section in a group (owners and instructors, audited).
import type { CreateSectionInput, SectionListDto } from "../../../shared/schemas/sections.ts";
import { limits } from "../../../shared/limits.ts";
import { insertSection, listSections } from "../../data/sections.ts";
import { AppError } from "../../domain/app-error.ts";
import type { ServiceContext } from "../context.ts";
import { assertNameFree } from "./section-name.ts";
import { changeSections, readSectionList } from "./manage-sections.ts";

/** Errors: 404 outsiders, 403 learners, 409 a name the group already has or too many sections. */
export function createSection(
  ctx: ServiceContext,
  userId: string,
  groupId: string,
  input: CreateSectionInput,
): Promise<SectionListDto> {
  return changeSections(ctx, userId, groupId, "section.created", async (tx) => {
    if ((await listSections(tx, groupId)).length >= limits.sectionsPerGroup) {
      throw new AppError("conflict", `A group has at most ${limits.sectionsPerGroup} sections.`);
    }
    await assertNameFree(tx, groupId, input.name);
    const section = await insertSection(tx, groupId, input.name);
    return {
      result: await readSectionList(tx, groupId),
      targetId: section.id,
      details: { name: section.name },
    };
  });
}
