// Puts a member or observer in a discussion section, or in none (owners and instructors, audited).
import type { PlaceMemberInput, SectionListDto } from "../../../shared/schemas/sections.ts";
import { findRole } from "../../data/memberships.ts";
import { findSection, placeMembers } from "../../data/sections.ts";
import { withArticle } from "../../../shared/text/article.ts";
import { AppError, notFound } from "../../domain/app-error.ts";
import { isSectioned } from "../../domain/sections.ts";
import type { ServiceContext } from "../context.ts";
import { changeSections, readSectionList } from "./manage-sections.ts";

/**
 * Errors: 404 outsiders, an unknown member or a section not of this group; 403 learners; 409 for an instructor or
 * owner, who read every section and so are in none.
 */
export function placeMember(
  ctx: ServiceContext,
  userId: string,
  groupId: string,
  targetUserId: string,
  input: PlaceMemberInput,
): Promise<SectionListDto> {
  return changeSections(ctx, userId, groupId, "section.member_placed", async (tx) => {
    const role = await findRole(tx, groupId, targetUserId);
    if (!role) throw notFound("Member");
    if (!isSectioned(role)) {
      throw new AppError(
        "conflict",
        `${withArticle(role, { opening: true })} reads every section and is placed in none.`,
      );
    }
    const section = input.sectionId === null ? null : await findSection(tx, groupId, input.sectionId);
    if (input.sectionId !== null && !section) throw notFound("Section");
    await placeMembers(tx, groupId, [targetUserId], input.sectionId);
    return {
      result: await readSectionList(tx, groupId),
      targetId: targetUserId,
      // The name as it was then: the audit log is read after renames and deletions.
      details: { sectionId: input.sectionId, section: section?.name ?? null },
    };
  });
}
