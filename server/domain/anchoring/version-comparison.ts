// Two versions' blocks side by side for people: the block mapping laid out in the newer text's reading order.
import type { ComparisonEntry, VersionComparisonDto } from "../../../shared/schemas/document-api.ts";
import { mapVersionBlocks, type MappableBlock } from "./version-mapping.ts";

type Entries = ComparisonEntry[];

/** Appends an unchanged block to the run the entries end with, or starts one. */
function pushUnchanged(entries: Entries, anchorId: string) {
  const last = entries.at(-1);
  if (last?.status === "unchanged") last.anchorIds.push(anchorId);
  else entries.push({ status: "unchanged", anchorIds: [anchorId] });
}

/**
 * Compares `oldBlocks` (version `from`) with `newBlocks` (version `to`, null for an upload not stored yet) through
 * mapVersionBlocks. Entries follow the newer text; a removed block comes right after the newer place of the old
 * block before it that survived (or first, when none did), so it reads where it used to stand. Unchanged neighbours
 * are gathered into runs.
 */
export function compareVersions(
  oldBlocks: readonly MappableBlock[],
  newBlocks: readonly MappableBlock[],
  from: number,
  to: number | null,
): VersionComparisonDto {
  const mapping = mapVersionBlocks(oldBlocks, newBlocks);
  const oldById = new Map(oldBlocks.map((block) => [block.anchorId, block]));
  const fateOfNew = new Map<string, (typeof mapping.blocks)[number]>();
  // Removed blocks waiting for the newer block they follow ("" before everything).
  const removedAfter = new Map<string, MappableBlock[]>();
  let survivor = "";
  for (const fate of mapping.blocks) {
    if (fate.status === "removed") {
      const waiting = removedAfter.get(survivor) ?? [];
      waiting.push(oldById.get(fate.oldAnchorId)!);
      removedAfter.set(survivor, waiting);
    } else {
      fateOfNew.set(fate.newAnchorId, fate);
      survivor = fate.newAnchorId;
    }
  }

  const entries: Entries = [];
  const pushRemoved = (after: string) => {
    for (const block of removedAfter.get(after) ?? [])
      entries.push({ status: "removed", oldAnchorId: block.anchorId, kind: block.kind, text: block.text });
  };
  pushRemoved("");
  for (const block of newBlocks) {
    const fate = fateOfNew.get(block.anchorId);
    if (!fate)
      entries.push({ status: "added", newAnchorId: block.anchorId, kind: block.kind, text: block.text });
    else if (fate.status === "unchanged") pushUnchanged(entries, block.anchorId);
    else if (fate.status === "changed")
      entries.push({
        status: "changed",
        oldAnchorId: fate.oldAnchorId,
        newAnchorId: fate.newAnchorId,
        kind: block.kind,
        similarity: fate.similarity,
        oldText: oldById.get(fate.oldAnchorId)!.text,
        newText: block.text,
      });
    pushRemoved(block.anchorId);
  }

  const count = (status: string) => mapping.blocks.filter((fate) => fate.status === status).length;
  return {
    from,
    to,
    counts: {
      unchanged: count("unchanged"),
      changed: count("changed"),
      removed: count("removed"),
      added: mapping.added.length,
    },
    threshold: mapping.threshold,
    entries,
  };
}
