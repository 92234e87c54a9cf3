// Threads whose passage is not in this version of the text: listed below it, never moved to a look-alike passage.
import { ThreadList, type ThreadListProps } from "../threads/ThreadList.tsx";

/** The detached threads, with why they are here. */
export function DetachedThreads(props: Omit<ThreadListProps, "limit">) {
  return (
    <section className="detached" aria-labelledby="detached-title">
      <h2 id="detached-title">Threads whose passage is not in this version</h2>
      <p className="muted">
        Their paragraph changed or was removed when the text was revised. They are kept here rather than moved
        to a similar passage.
      </p>
      <ThreadList {...props} limit={50} />
    </section>
  );
}
