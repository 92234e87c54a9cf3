// Request and response schemas for a group's discussion sections (/api/groups/:groupId/sections).
import { z } from "zod";
import { limits } from "../limits.ts";
import { text } from "./text.ts";

const sectionName = text()
  .trim()
  .min(1, "must not be empty")
  .max(limits.sectionNameMax, `must be at most ${limits.sectionNameMax} characters`);

export const createSectionSchema = z.strictObject({ name: sectionName });
export type CreateSectionInput = z.infer<typeof createSectionSchema>;

export const renameSectionSchema = z.strictObject({ name: sectionName });
export type RenameSectionInput = z.infer<typeof renameSectionSchema>;

/** Puts a member or observer in a section, or in none (null). */
export const placeMemberSchema = z.strictObject({
  sectionId: z.uuid({ error: "must be a section id or null" }).nullable(),
});
export type PlaceMemberInput = z.infer<typeof placeMemberSchema>;

const sectionCount = z
  .number({ error: "must be a number" })
  .int("must be a whole number")
  .min(1, "must be at least 1")
  .max(limits.sectionsPerGroup, `must be at most ${limits.sectionsPerGroup}`);

/**
 * Splits the class automatically, replacing every section: give `perSection` (sections of at most N members) or
 * `count` (exactly that many sections), not both.
 */
export const autoSplitSchema = z
  .strictObject({
    perSection: z
      .number({ error: "must be a number" })
      .int("must be a whole number")
      .min(1, "must be at least 1")
      .max(10_000, "must be at most 10000")
      .optional(),
    count: sectionCount.optional(),
  })
  .refine((input) => (input.perSection === undefined) !== (input.count === undefined), {
    message: "give exactly one of perSection or count",
  });
export type AutoSplitInput = z.infer<typeof autoSplitSchema>;

export const sectionSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  createdAt: z.iso.datetime(),
  /** The members and observers in it, in join order. */
  memberIds: z.array(z.uuid()),
});
export type SectionDto = z.infer<typeof sectionSchema>;

/** The group's sections, and the members and observers in none (instructors and owners are never sectioned). */
export const sectionListSchema = z.object({
  sections: z.array(sectionSchema),
  unsectioned: z.array(z.uuid()),
});
export type SectionListDto = z.infer<typeof sectionListSchema>;
