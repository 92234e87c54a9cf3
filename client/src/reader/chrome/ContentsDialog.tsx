// The contents where the window has no room for their column: the headings in a dialog (a bottom sheet on phones),
// the section being read marked; choosing one goes there and closes it.
import type { Block } from "../../../../shared/schemas/documents.ts";
import { BottomSheet } from "./BottomSheet.tsx";
import { HeadingLinks, KeyboardShortcuts } from "./Contents.tsx";

/** Modal list of `headings` with the keyboard shortcuts below; `onClose` also runs when a heading is chosen. */
export function ContentsDialog(props: { headings: readonly Block[]; onClose: () => void }) {
  return (
    <BottomSheet title="Contents" variant="dialog" onClose={props.onClose}>
      <nav aria-label="Headings">
        <HeadingLinks headings={props.headings} onChoose={props.onClose} />
      </nav>
      <KeyboardShortcuts />
    </BottomSheet>
  );
}
