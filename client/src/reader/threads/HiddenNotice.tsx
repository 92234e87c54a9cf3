// What readers see in place of a hidden thread or reply: who hid it and why; moderators may show the text in place.
import { useContext, useId, useState } from "react";
import type { Hidden } from "../../../../shared/room-doc.ts";
import { Markdown } from "../../components/Markdown.tsx";
import { PermissionsContext } from "../permissions.ts";
import { HiddenTextContext, type HiddenTarget } from "../state/hidden-text.ts";

type Reveal =
  | { state: "closed" }
  | { state: "loading" }
  | { state: "open"; body: string }
  | { state: "failed"; message: string };

/** The notice for `target`, hidden as `hidden` says; owners and instructors also get "Show hidden text". */
export function HiddenNotice(props: { target: HiddenTarget; hidden: Hidden }) {
  const { moderate } = useContext(PermissionsContext);
  const load = useContext(HiddenTextContext);
  const [reveal, setReveal] = useState<Reveal>({ state: "closed" });
  const id = useId();
  const open = reveal.state === "open";
  const toggle = () => {
    if (reveal.state === "open" || reveal.state === "loading") return setReveal({ state: "closed" });
    setReveal({ state: "loading" });
    load(props.target).then(
      (body) => setReveal((current) => (current.state === "loading" ? { state: "open", body } : current)),
      (error: unknown) =>
        setReveal((current) =>
          current.state === "loading"
            ? { state: "failed", message: error instanceof Error ? error.message : String(error) }
            : current,
        ),
    );
  };
  return (
    <div className="hidden-notice">
      <p className="hidden-by">
        Hidden by {props.hidden.byName}
        {props.hidden.reason ? (
          <>
            {" · "}
            <span className="hidden-reason">Reason: {props.hidden.reason}</span>
          </>
        ) : (
          "."
        )}
      </p>
      {moderate && (
        <button
          type="button"
          className="button link"
          aria-expanded={open}
          aria-controls={`${id}-text`}
          onClick={toggle}
        >
          {reveal.state === "loading"
            ? "Loading hidden text…"
            : open
              ? "Close hidden text"
              : "Show hidden text"}
        </button>
      )}
      {reveal.state === "failed" && (
        <p className="error" role="alert">
          Could not show the hidden text: {reveal.message}
          {reveal.message.endsWith(".") ? "" : "."}
        </p>
      )}
      <div id={`${id}-text`} className="hidden-text" hidden={!open}>
        {open && (
          <>
            <p className="hidden-label">Hidden text · only owners and instructors see it</p>
            <Markdown source={reveal.body} />
          </>
        )}
      </div>
    </div>
  );
}
