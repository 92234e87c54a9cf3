// Element ids both sides of the reader and its links agree on; the text and the margin meet only through these.

/** The id of the element that holds one block of the text (its row), e.g. for `#p-…` links and margin placement. */
export const blockRowId = (anchorId: string) => `p-${anchorId}`;

/** The id of a thread's card. */
export const threadCardId = (threadId: string) => `thread-${threadId}`;

/** The id of the composer of a new thread on a block. */
export const newThreadId = (blockId: string) => `new-thread-${blockId}`;

/** The first of block `anchorId`'s tools in the text (its thread count, else its comment button), if it has any. */
export const blockToolOf = (anchorId: string | null): HTMLElement | null =>
  (anchorId &&
    document.getElementById(blockRowId(anchorId))?.querySelector<HTMLElement>(".para-tools button")) ||
  null;
