// While a detached thread is being attached by hand: what to do next, why the last try failed, and Cancel.
import type { Reattach } from "../hooks/use-reattach.ts";

/** Fixed at the bottom of the window, so that it stays in sight while the reader looks for the passage. */
export function AttachNotice(props: { reattach: Reattach; authorName: string | undefined }) {
  const { reattach } = props;
  return (
    <section className="attach-notice" aria-label="Attaching a thread">
      <p>
        Attaching {props.authorName ? `${props.authorName}’s thread` : "the thread"}: select a passage and
        press “Attach here”, or press a paragraph’s + to attach it to the whole paragraph. Escape cancels.
      </p>
      {reattach.problem && <p role="alert">{reattach.problem}</p>}
      <button type="button" className="button quiet" onClick={reattach.cancel}>
        Cancel
      </button>
    </section>
  );
}
