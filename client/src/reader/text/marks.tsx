// Inline formatting as React elements, for the text and for the notes opened from it.
import type { ReactNode } from "react";
import type { MarkType } from "./anchoring.ts";

/** `node` wrapped in the elements of `marks`, the first outermost. */
export function withMarks(node: ReactNode, marks: readonly MarkType[]): ReactNode {
  let wrapped = node;
  for (const mark of [...marks].reverse()) {
    wrapped =
      mark === "em" ? (
        <em>{wrapped}</em>
      ) : mark === "strong" ? (
        <strong>{wrapped}</strong>
      ) : (
        <code>{wrapped}</code>
      );
  }
  return wrapped;
}
