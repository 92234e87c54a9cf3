// The group's discussion sections, for a teacher's section filter in the reader (only they may read the list).
import { useEffect, useState } from "react";
import { sectionsApi, type SectionListDto } from "../../api/sections.ts";

/** The sections of `groupId` once loaded (empty until then, on failure, or when `enabled` is false). */
export function useSections(groupId: string, enabled: boolean): SectionListDto["sections"] {
  const [sections, setSections] = useState<SectionListDto["sections"]>([]);
  useEffect(() => {
    if (!enabled) return;
    let live = true;
    // A missing list only hides the filter: the reader works without it.
    sectionsApi.list(groupId).then(
      (list) => live && setSections(list.sections),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [groupId, enabled]);
  return sections;
}
