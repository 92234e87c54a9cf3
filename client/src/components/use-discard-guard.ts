// Escape in a text box with unsaved writing asks before throwing it away; a second Escape (or "Discard") does.
import { useState } from "react";

/** What a form needs to guard its unsaved writing. */
export interface DiscardGuard {
  /** Escape was pressed over unsaved writing and the form is asking whether to discard it. */
  asking: boolean;
  /** For Escape: discards at once when nothing is unsaved or when already asking, else asks. */
  escape(): void;
  /** Discards now (the prompt's "Discard"). */
  discard(): void;
  /** Keeps writing (the prompt's "Keep writing"). */
  keep(): void;
}

/**
 * Guards `draft` (the form's current writing, as one string): `dirty` says whether it differs from what is saved,
 * and `onDiscard` throws it away. Writing anything after the question withdraws it.
 */
export function useDiscardGuard(draft: string, dirty: boolean, onDiscard: () => void): DiscardGuard {
  // The question stands for the draft it was asked about; typing changes the draft and so withdraws it.
  const [askedAbout, setAskedAbout] = useState<string | null>(null);
  const asking = dirty && askedAbout === draft;
  const discard = () => {
    setAskedAbout(null);
    onDiscard();
  };
  return {
    asking,
    escape: () => (dirty && !asking ? setAskedAbout(draft) : discard()),
    discard,
    keep: () => setAskedAbout(null),
  };
}
