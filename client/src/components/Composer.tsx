// The Markdown composer: write and preview tabs, `@` mentions, optional tags, Ctrl/⌘+Enter to send and Escape to
// cancel (asking first when that would throw away writing).
import { useContext, useId, useLayoutEffect, useRef, useState, useEffect, type ReactNode } from "react";
import { limits } from "../../../shared/limits.ts";
import { DiscardPrompt } from "./DiscardPrompt.tsx";
import { Markdown } from "./Markdown.tsx";
import { MembersContext, mentionCandidates, unseeingMembers, type Audience } from "./mentions/members.ts";
import { MentionTextarea } from "./mentions/MentionTextarea.tsx";
import { toBody, toDraft } from "./mentions/mention-text.ts";
import { forgetKept, useKeptState } from "./kept-state.ts";
import { reveal } from "./reveal.ts";
import { useDiscardGuard } from "./use-discard-guard.ts";

export interface ComposerProps {
  /** Accessible name of the text box, e.g. "Reply to Ada". */
  label: string;
  submitLabel: string;
  /** The stored body being edited (mentions as `<@userId>` tokens, shown as `@Name`). */
  initialBody?: string;
  /** Who will see what is written, and so may be mentioned (default: the whole group). */
  audience?: Audience;
  /** Show a tags field (new threads and thread edits). */
  withTags?: boolean;
  initialTags?: string[];
  /** Offer "only instructors and owners" (new threads, for instructors and owners). */
  withVisibility?: boolean;
  /** Offer "announcement" (new threads, for instructors and owners): the room is notified. */
  withAnnouncement?: boolean;
  autoFocus?: boolean;
  /** `body` holds the picked mentions as `<@userId>` tokens. */
  onSubmit: (body: string, tags: string[], options: ComposerOptions) => void;
  onCancel?: () => void;
  /** Called with the body on every change (e.g. to tell the room that a reply is being written). */
  onBodyChange?: (body: string) => void;
  /** Keeps the words under this key while the page lives, so a box rebuilt elsewhere has them (kept-state.ts). */
  keepKey?: string;
}

/** What a new thread's author chose besides its words. */
export interface ComposerOptions {
  instructorsOnly: boolean;
  announcement: boolean;
}

/** Splits "a, b ,c" into normalised tags the server accepts (lowercase, trimmed, unique). */
export function parseTags(input: string): string[] {
  const tags = input
    .split(",")
    .map((tag) => tag.trim().toLowerCase().replace(/^#/, ""))
    .filter((tag) => tag.length > 0 && tag.length <= limits.tagMax);
  return [...new Set(tags)].slice(0, limits.tagsPerThread);
}

/** A form for a thread, reply or edit; keeps its own draft so typing does not re-render the page. */
export function Composer(props: ComposerProps) {
  const members = useContext(MembersContext);
  const [initialDraft] = useState(() => toDraft(props.initialBody ?? "", members.nameOf));
  const [draft, setDraft] = useKeptState(props.keepKey, initialDraft);
  const [tags, setTags] = useState((props.initialTags ?? []).join(", "));
  const [tab, setTab] = useState<"write" | "preview">("write");
  const [instructorsOnly, setInstructorsOnly] = useState(false);
  const [announcement, setAnnouncement] = useState(false);
  const textRef = useRef<HTMLTextAreaElement>(null);
  const id = useId();
  const body = toBody(draft);
  const audience = props.withVisibility && instructorsOnly ? "instructors" : (props.audience ?? "group");
  const unseeing = unseeingMembers(
    members,
    audience,
    draft.mentions.map((mention) => mention.userId),
  );
  const empty = body.trim().length === 0;
  const tooLong = body.length > limits.bodyMax;
  const dirty =
    body.trim() !== (props.initialBody ?? "").trim() || tags !== (props.initialTags ?? []).join(", ");
  const guard = useDiscardGuard(`${body}\u0000${tags}`, dirty, () => {
    forgetKept(props.keepKey);
    props.onCancel?.();
  });

  // Focus without the browser's jump to the box; its container brings the whole composer (its buttons too, not just
  // the box) into view where it will settle.
  const formRef = useRef<HTMLFormElement>(null);
  useEffect(() => {
    if (!props.autoFocus || !textRef.current) return;
    textRef.current.focus({ preventScroll: true });
    reveal(formRef.current ?? textRef.current);
  }, [props.autoFocus]);
  // A box that took focus gives it back when it goes (sent, cancelled): removed with focus inside, it would leave
  // focus on <body>, and a keyboard reader's next Tab would start from the top of the page. Read before the box
  // takes it (a layout effect runs before the effect above); left alone when something else has taken focus since.
  // In a modal (the phone's discussion sheet) opened from the page behind it (a paragraph's +), focus stays in the
  // modal: the opener is out of its reach while it is open.
  useLayoutEffect(() => {
    if (!props.autoFocus) return;
    const opener = document.activeElement;
    const modal = formRef.current?.closest<HTMLElement>("[aria-modal='true']") ?? null;
    return () => {
      queueMicrotask(() => {
        const lost = document.activeElement === null || document.activeElement === document.body;
        if (!lost) return;
        const usable = opener instanceof HTMLElement && opener !== document.body && opener.isConnected;
        if (modal?.isConnected && !(usable && modal.contains(opener))) modal.focus({ preventScroll: true });
        else if (usable) opener.focus({ preventScroll: true });
      });
    };
  }, [props.autoFocus]);

  const submit = () => {
    if (empty || tooLong || unseeing.length > 0) return;
    props.onSubmit(body.trim(), parseTags(tags), {
      instructorsOnly: props.withVisibility === true && instructorsOnly,
      announcement: props.withAnnouncement === true && announcement,
    });
    setDraft({ text: "", mentions: [] });
    forgetKept(props.keepKey);
    props.onBodyChange?.("");
    setTags("");
    setTab("write");
  };

  return (
    <form
      ref={formRef}
      className="composer"
      onSubmit={(event) => {
        event.preventDefault();
        submit();
      }}
      onKeyDown={(event) => {
        // A key that ends an input method's composition (Japanese, Chinese…) commits or cancels the candidate only.
        if (event.nativeEvent.isComposing) return;
        if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
          event.preventDefault();
          submit();
        } else if (event.key === "Escape" && props.onCancel) {
          event.preventDefault();
          event.stopPropagation();
          guard.escape();
        }
      }}
    >
      <div className="composer-tabs" role="tablist" aria-label="Editor mode">
        {(["write", "preview"] as const).map((mode) => (
          <button
            key={mode}
            type="button"
            role="tab"
            id={`${id}-${mode}-tab`}
            aria-selected={tab === mode}
            aria-controls={`${id}-${mode}`}
            className="tab"
            onClick={() => setTab(mode)}
          >
            {mode === "write" ? "Write" : "Preview"}
          </button>
        ))}
      </div>
      {tab === "write" ? (
        <div role="tabpanel" id={`${id}-write`} aria-labelledby={`${id}-write-tab`}>
          <MentionTextarea
            boxRef={textRef}
            label={props.label}
            draft={draft}
            onChange={(next) => {
              setDraft(next);
              props.onBodyChange?.(next.text);
            }}
            candidates={mentionCandidates(members, audience)}
            rows={3}
            placeholder="Write in Markdown… @ to mention"
          />
        </div>
      ) : (
        <div role="tabpanel" id={`${id}-preview`} aria-labelledby={`${id}-preview-tab`} className="preview">
          {empty ? <p className="muted">Nothing to preview.</p> : <Markdown source={body} />}
        </div>
      )}
      {props.withTags && (
        <label className="tags-field">
          <span>Tags</span>
          <input
            value={tags}
            onChange={(event) => setTags(event.target.value)}
            placeholder="question, key passage"
          />
        </label>
      )}
      {props.withVisibility && (
        <Choice checked={instructorsOnly} onChange={setInstructorsOnly}>
          Only instructors and owners see this
        </Choice>
      )}
      {props.withAnnouncement && (
        <Choice checked={announcement} onChange={setAnnouncement}>
          Announcement: notify everyone who can see it
        </Choice>
      )}
      {unseeing.length > 0 && (
        <p role="alert" className="error">
          {unseeing.join(", ")} cannot see this thread: only instructors and owners can be mentioned here.
        </p>
      )}
      {tooLong && (
        <p role="alert" className="error">
          At most {limits.bodyMax.toLocaleString()} characters.
        </p>
      )}
      <DiscardPrompt guard={guard} />
      <div className="composer-actions">
        <span className="hint" aria-hidden="true">
          Ctrl+Enter
        </span>
        {props.onCancel && (
          <button type="button" className="button quiet" onClick={props.onCancel}>
            Cancel
          </button>
        )}
        <button type="submit" className="button primary" disabled={empty || tooLong || unseeing.length > 0}>
          {props.submitLabel}
        </button>
      </div>
    </form>
  );
}

/** One of a new thread's checkboxes. */
function Choice(props: { checked: boolean; onChange: (checked: boolean) => void; children: ReactNode }) {
  return (
    <label className="visibility-field">
      <input
        type="checkbox"
        checked={props.checked}
        onChange={(event) => props.onChange(event.target.checked)}
      />
      <span>{props.children}</span>
    </label>
  );
}
