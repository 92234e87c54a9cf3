// Threads no longer in the text: the room moved to a version where their passage could not be found without
// guessing, so they are listed below it with their old quote, never moved to a look-alike passage.
import { ThreadList, type ThreadListProps } from "../threads/ThreadList.tsx";

/** The detached threads, with why they are here; `onAttach` (instructors and owners) re-attaches one by hand. */
export function DetachedThreads(
  props: Omit<ThreadListProps, "limit" | "detached"> & { onAttach?: (threadId: string) => void },
) {
  return (
    <section className="detached" aria-labelledby="detached-title">
      <h2 id="detached-title">No longer in the text</h2>
      <p className="muted">
        Their passage changed or was removed when the text was revised, and could not be found again for sure.
        They are kept here, with the words they were on, rather than moved to a similar passage.
        {props.onAttach ? " You can attach each to a passage of this version." : ""}
      </p>
      <ThreadList {...props} detached limit={50} />
    </section>
  );
}
