// Lists a group's discussion sections and who is in which (owners and instructors).
import type { SectionListDto } from "../../../shared/schemas/sections.ts";
import { authorize } from "../../domain/policies.ts";
import type { ServiceContext } from "../context.ts";
import { loadActor } from "../groups/load-actor.ts";
import { readSectionList } from "./manage-sections.ts";

/** Errors: 404 for outsiders, 403 for members and observers (their section shows in what they read). */
export async function listGroupSections(
  ctx: ServiceContext,
  userId: string,
  groupId: string,
): Promise<SectionListDto> {
  authorize(await loadActor(ctx, groupId, userId), "group.sections.manage");
  return readSectionList(ctx.db, groupId);
}
