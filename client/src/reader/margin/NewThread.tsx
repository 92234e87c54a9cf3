// The composer of a new thread, on a selected passage or a whole block.
import { useContext } from "react";
import type { Anchor } from "../../../../shared/room-doc.ts";
import { Composer, type ComposerOptions } from "../../components/Composer.tsx";
import { newThreadId } from "../dom-ids.ts";
import { PermissionsContext } from "../permissions.ts";

/**
 * Writes the opening comment of a thread on `draft`; moderators may keep it to instructors and owners, and make it an
 * announcement.
 */
export function NewThread(props: {
  draft: Anchor;
  /** What the block is called ("paragraph", "heading"), for the composer's label. */
  noun: string;
  onCreate: (anchor: Anchor, body: string, tags: string[], options: ComposerOptions) => void;
  onCancel: () => void;
}) {
  const { draft } = props;
  const { moderate } = useContext(PermissionsContext);
  return (
    <div className="new-thread" id={newThreadId(draft.blockId)}>
      {draft.exact && <blockquote className="quote">{draft.exact}</blockquote>}
      <Composer
        label={draft.exact ? "Comment on the selected passage" : `Comment on this ${props.noun}`}
        submitLabel="Comment"
        withTags
        autoFocus
        onCancel={props.onCancel}
        withVisibility={moderate}
        withAnnouncement={moderate}
        onSubmit={(body, tags, options) => props.onCreate(draft, body, tags, options)}
      />
    </div>
  );
}
