// The discussion of one block, in the margin or the bottom sheet: a new thread being written, the block's threads,
// and the reader's private note.
import { memo } from "react";
import type { Anchor } from "../../../../shared/room-doc.ts";
import type { ComposerOptions } from "../../components/Composer.tsx";
import type { ViewThread } from "../state/thread-view.ts";
import type { ThreadActions } from "../state/use-thread-actions.ts";
import { ThreadList } from "../threads/ThreadList.tsx";
import { NewThread } from "./NewThread.tsx";
import { PrivateNote } from "./PrivateNote.tsx";

export interface BlockDiscussionProps {
  blockId: string;
  /** What the block is called ("paragraph", "heading"). */
  noun: string;
  threads: ViewThread[];
  /** The anchor of a thread being started on this block. */
  draft: Anchor | null;
  note: string | null;
  noteProblem: string | null;
  noteOpen: boolean;
  userId: string;
  activeId: string | null;
  revision: number;
  actions: ThreadActions;
  replyTo: string | null;
  /** How many thread cards to show before "Show n more". */
  limit: number;
  onActivate: (threadId: string | null) => void;
  onCreate: (anchor: Anchor, body: string, tags: string[], options: ComposerOptions) => void;
  // Callbacks that take the block, so that one function serves every block and a block whose props did not change
  // is not rendered again when the reader is.
  onCancelDraft: () => void;
  onSaveNote: (blockId: string, text: string) => void;
  onCloseNote: () => void;
  onEditNote: (blockId: string) => void;
}

/** The margin of one block. */
export const BlockDiscussion = memo(function BlockDiscussion(props: BlockDiscussionProps) {
  return (
    <>
      {props.draft && (
        <NewThread
          draft={props.draft}
          noun={props.noun}
          onCreate={props.onCreate}
          onCancel={props.onCancelDraft}
        />
      )}
      {props.threads.length > 0 && (
        <ThreadList
          threads={props.threads}
          userId={props.userId}
          activeId={props.activeId}
          revision={props.revision}
          actions={props.actions}
          onActivate={props.onActivate}
          limit={props.limit}
          replyTo={props.replyTo}
        />
      )}
      {(props.note !== null || props.noteOpen) && (
        <PrivateNote
          text={props.note ?? ""}
          problem={props.noteProblem}
          editing={props.noteOpen}
          onEdit={() => props.onEditNote(props.blockId)}
          onSave={(text) => props.onSaveNote(props.blockId, text)}
          onClose={props.onCloseNote}
        />
      )}
    </>
  );
});
