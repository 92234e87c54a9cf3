// The discussion-section endpoints of a group (owners and instructors): each answers with the whole section list.
import type { SectionListDto } from "../../../shared/schemas/sections.ts";
import { request } from "./http.ts";

export type { SectionListDto };

const base = (groupId: string) => `/api/groups/${groupId}/sections`;

export const sectionsApi = {
  list: (groupId: string) => request<SectionListDto>(base(groupId)),
  create: (groupId: string, name: string) =>
    request<SectionListDto>(base(groupId), { method: "POST", body: { name } }),
  rename: (groupId: string, sectionId: string, name: string) =>
    request<SectionListDto>(`${base(groupId)}/${sectionId}`, { method: "PATCH", body: { name } }),
  remove: (groupId: string, sectionId: string) =>
    request<SectionListDto>(`${base(groupId)}/${sectionId}`, { method: "DELETE" }),
  /** Puts a member or observer in a section, or in none (null). */
  place: (groupId: string, userId: string, sectionId: string | null) =>
    request<SectionListDto>(`${base(groupId)}/members/${userId}`, { method: "PUT", body: { sectionId } }),
  /** Replaces every section with sections of at most `perSection` members, by join order. */
  split: (groupId: string, perSection: number) =>
    request<SectionListDto>(`${base(groupId)}/auto`, { method: "POST", body: { perSection } }),
};
