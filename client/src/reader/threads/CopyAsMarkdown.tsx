// "Copy as Markdown" on an open thread: the thread, its quote and its replies, ready to paste into notes or a post.
import { useContext, useState } from "react";
import { ThreadMarkdownContext } from "../state/thread-markdown.ts";

type CopyState = { state: "idle" | "copying" | "copied" } | { state: "failed"; message: string };

/** A quiet button; says "Copied" when done, or why it could not copy. */
export function CopyAsMarkdown(props: { threadId: string }) {
  const load = useContext(ThreadMarkdownContext);
  const [copy, setCopy] = useState<CopyState>({ state: "idle" });
  async function run() {
    setCopy({ state: "copying" });
    try {
      const markdown = await load(props.threadId);
      await navigator.clipboard.writeText(markdown);
      setCopy({ state: "copied" });
    } catch (error) {
      const denied = error instanceof DOMException && error.name === "NotAllowedError";
      setCopy({
        state: "failed",
        message: denied ? "The browser did not allow the clipboard." : (error as Error).message,
      });
    }
  }
  return (
    <>
      <button
        type="button"
        className="button quiet"
        disabled={copy.state === "copying"}
        onClick={() => void run()}
      >
        {copy.state === "copied" ? "Copied" : "Copy as Markdown"}
      </button>
      {copy.state === "failed" && (
        <span className="error" role="alert">
          Could not copy: {copy.message}
        </span>
      )}
    </>
  );
}
