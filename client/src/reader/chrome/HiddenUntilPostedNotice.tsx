// What a reader sees while the room hides the class's threads from them until they start one: why the margin is
// empty, and how to open it, rather than a margin that looks broken.
import { hiddenUntilPostedNotice } from "../../../../shared/hide-until-posted.ts";
import { sectionNotice } from "../../../../shared/sections.ts";

/**
 * The notice under the bars; `canWrite`: whether the reader may start a thread (observers may not); `because`: the
 * server's reason for the veil — a discussion section's reader is told so, since posting will not open the room.
 */
export function HiddenUntilPostedNotice(props: { canWrite: boolean; because?: string | null }) {
  if (props.because === sectionNotice) {
    return (
      <div className="link-notice hidden-until-posted" role="status">
        <p>{sectionNotice}</p>
      </div>
    );
  }
  return (
    <div className="link-notice hidden-until-posted" role="status">
      <p>
        <strong>{hiddenUntilPostedNotice}</strong>{" "}
        {props.canWrite
          ? "Select a passage, or a paragraph's comment button, to write yours."
          : "As an observer you cannot start one; ask an instructor if you should see them."}
      </p>
    </div>
  );
}
