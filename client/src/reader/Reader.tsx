// The reader: the canonical text set for reading, highlights and paragraph markers, margin threads (a bottom sheet
// on narrow screens), selection → annotate, filters, a density strip, private notes and keyboard navigation.
import { memo, useCallback, useContext, useEffect, useLayoutEffect, useMemo, useRef, useState } from "react";
import type { Anchor } from "../../../shared/room-doc.ts";
import {
  MutationRejected,
  type ConnectionState,
  type RoomClient,
} from "../../../shared/room-client/room-client.ts";
import type { Block } from "../../../shared/schemas/documents.ts";
import { api, type Role, type RoomDto } from "../api/http.ts";
import { Composer } from "../components/Composer.tsx";
import type { SessionUser } from "../session.ts";
import { anchorFromSelection, locateAnchor, type HighlightRange } from "./anchoring.ts";
import { BlockText } from "./BlockText.tsx";
import { countFilters, matchesFilters, noFilters, type Filters } from "./filters.ts";
import {
  canResolve,
  PermissionsContext,
  ThreadList,
  type Permissions,
  type ThreadActions,
  type ViewThread,
} from "./ThreadList.tsx";
import { useConnection, usePrivateNotes, useRoomClient, useRoomVersion } from "./use-room.ts";

interface ReaderProps {
  groupId: string;
  roomId: string;
  user: SessionUser;
  navigate: (path: string) => void;
}

interface LoadedText {
  room: Pick<RoomDto, "id" | "document" | "version">;
  blocks: Block[];
  role: Role;
}

const cacheKey = (roomId: string) => `scholia-text-${roomId}`;

/** Loads the room's document version, falling back to the copy cached by the last visit when offline. */
async function loadText(groupId: string, roomId: string): Promise<LoadedText> {
  try {
    const [{ rooms }, { groups }] = await Promise.all([api.rooms(groupId), api.groups()]);
    const room = rooms.find((candidate) => candidate.id === roomId);
    if (!room) throw new Error("This room does not exist, or you are not a member of its group.");
    const { version } = await api.version(room.document.id, room.version);
    const loaded: LoadedText = {
      room: { id: room.id, document: room.document, version: room.version },
      blocks: version.blocks,
      role: groups.find((group) => group.id === groupId)?.role ?? "observer",
    };
    try {
      localStorage.setItem(cacheKey(roomId), JSON.stringify(loaded));
    } catch {
      // A full storage only costs offline reading; the reader works without it.
    }
    return loaded;
  } catch (error) {
    const cached = localStorage.getItem(cacheKey(roomId));
    if (cached) return JSON.parse(cached) as LoadedText;
    throw error;
  }
}

const useNarrow = () => {
  const query = "(max-width: 1099px)";
  const [narrow, setNarrow] = useState(() => window.matchMedia?.(query).matches ?? false);
  useEffect(() => {
    const list = window.matchMedia?.(query);
    if (!list) return;
    const onChange = () => setNarrow(list.matches);
    list.addEventListener("change", onChange);
    return () => list.removeEventListener("change", onChange);
  }, []);
  return narrow;
};

const isTyping = (target: EventTarget | null) =>
  target instanceof HTMLElement &&
  (target.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(target.tagName));

export function Reader(props: ReaderProps) {
  const [text, setText] = useState<LoadedText | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  useEffect(() => {
    loadText(props.groupId, props.roomId).then(setText, (error: Error) => setLoadError(error.message));
  }, [props.groupId, props.roomId]);
  useEffect(() => {
    if (text) document.title = `${text.room.document.title} · Scholia`;
  }, [text]);

  if (loadError) {
    return (
      <main className="page narrow-page" id="main">
        <h1>Cannot open this text</h1>
        <p role="alert">{loadError}</p>
        <a href="/" onClick={(event) => (event.preventDefault(), props.navigate("/"))}>
          Back to the library
        </a>
      </main>
    );
  }
  if (!text) {
    return (
      <main className="page narrow-page" id="main" aria-busy="true">
        <p className="muted">Opening the text…</p>
      </main>
    );
  }
  return <ReaderView {...props} text={text} />;
}

function ReaderView(props: ReaderProps & { text: LoadedText }) {
  const { user, text } = props;
  const { blocks } = text;
  const permissions = useMemo<Permissions>(
    () => ({
      write: text.role !== "observer",
      moderate: text.role === "owner" || text.role === "instructor",
    }),
    [text.role],
  );
  const me = useMemo(() => ({ id: user.id, name: user.displayName }), [user.id, user.displayName]);
  const client = useRoomClient(props.roomId, me);
  // Instructors and owners also hold the room's second document: threads only they can see.
  const staffClient = useRoomClient(props.roomId, me, "instructors", permissions.moderate);
  const revision = useRoomVersion(client) + useRoomVersion(staffClient);
  const connection = useConnection(client);
  const notes = usePrivateNotes(props.roomId, user.id);
  const narrow = useNarrow();
  const [filters, setFilters] = useState<Filters>(noFilters);
  const [activeId, setActiveId] = useState<string | null>(null);
  const [draft, setDraft] = useState<Anchor | null>(null);
  const [selection, setSelection] = useState<{ anchor: Anchor; top: number; left: number } | null>(null);
  const [sheetBlock, setSheetBlock] = useState<string | null>(null);
  const [replyTo, setReplyTo] = useState<string | null>(null);
  const [noteOpen, setNoteOpen] = useState<string | null>(null);
  const [announcement, setAnnouncement] = useState("");
  const focusActive = useRef(false);
  const sheetReturn = useRef<HTMLElement | null>(null);

  const blockById = useMemo(() => new Map(blocks.map((block) => [block.anchorId, block])), [blocks]);
  const ordinalOf = useCallback((blockId: string) => blockById.get(blockId)?.ordinal ?? 1e9, [blockById]);
  const paragraphNumber = useMemo(() => {
    const numbers = new Map<string, number>();
    let n = 0;
    for (const block of blocks) if (block.kind === "paragraph") numbers.set(block.anchorId, (n += 1));
    return numbers;
  }, [blocks]);

  const allThreads = useMemo(() => {
    const shown = (source: RoomClient | null) =>
      source
        ? source.threads().filter((thread) => !(thread.deleted && source.comments(thread.id).length === 0))
        : [];
    return [...shown(client), ...shown(staffClient)];
    // eslint-disable-next-line react-hooks/exhaustive-deps -- revision tracks the clients' changes
  }, [client, staffClient, revision]);
  const staffThreadIds = useMemo(
    () =>
      new Set(allThreads.filter((thread) => thread.visibility === "instructors").map((thread) => thread.id)),
    [allThreads],
  );
  const counts = useMemo(() => countFilters(allThreads, user.id), [allThreads, user.id]);
  const visible = useMemo(
    () =>
      allThreads
        .filter((thread) => matchesFilters(thread, filters, user.id))
        .sort(
          (a, b) =>
            ordinalOf(a.anchor.blockId) - ordinalOf(b.anchor.blockId) ||
            (a.anchor.start ?? -1) - (b.anchor.start ?? -1) ||
            a.createdAt.localeCompare(b.createdAt),
        ),
    [allThreads, filters, user.id, ordinalOf],
  );
  const byBlock = useMemo(() => {
    const grouped = new Map<string, ViewThread[]>();
    for (const thread of visible) {
      const list = grouped.get(thread.anchor.blockId);
      if (list) list.push(thread);
      else grouped.set(thread.anchor.blockId, [thread]);
    }
    return grouped;
  }, [visible]);
  // Threads whose block is not in this version: kept visible and in place, never moved to a look-alike passage.
  const detached = useMemo(
    () => visible.filter((thread) => !blockById.has(thread.anchor.blockId)),
    [visible, blockById],
  );
  const highlights = useMemo(() => {
    const grouped = new Map<string, HighlightRange[]>();
    for (const thread of visible) {
      const block = blockById.get(thread.anchor.blockId);
      if (!block || thread.deleted) continue;
      const range = locateAnchor(thread.anchor, block.text);
      if (!range) continue;
      grouped.set(block.anchorId, [...(grouped.get(block.anchorId) ?? []), { id: thread.id, ...range }]);
    }
    return grouped;
  }, [visible, blockById]);

  const report = useCallback(
    (what: string) => (error: unknown) => {
      const message = error instanceof MutationRejected ? error.message : "Something went wrong.";
      setAnnouncement(`Could not ${what}: ${message}`);
    },
    [],
  );

  const actions = useMemo<ThreadActions>(() => {
    // Each thread lives in one of the two documents; its replies and reactions go to the same one.
    const owner = (id: string): RoomClient | null =>
      staffClient && (staffThreadIds.has(id) || staffClient.room.comments.has(id)) ? staffClient : client;
    return {
      reply: (threadId, body, parentId) => {
        owner(threadId)?.reply(threadId, body, parentId).done.catch(report("send the reply"));
      },
      editThread: (threadId, patch) =>
        void owner(threadId)?.editThread(threadId, patch).catch(report("edit")),
      deleteThread: (threadId) => void owner(threadId)?.deleteThread(threadId).catch(report("delete")),
      setResolved: (threadId, resolved) => {
        owner(threadId)
          ?.setResolved(threadId, resolved)
          .catch(report(resolved ? "resolve" : "reopen"));
        setAnnouncement(resolved ? "Thread resolved." : "Thread reopened.");
      },
      editComment: (commentId, body) =>
        void owner(commentId)?.editComment(commentId, body).catch(report("edit")),
      deleteComment: (commentId) => void owner(commentId)?.deleteComment(commentId).catch(report("delete")),
      react: (targetId, emoji, on) => void owner(targetId)?.react(targetId, emoji, on).catch(report("react")),
      hide: (kind, id, reason) =>
        void owner(id)
          ?.hide(kind, id, reason)
          .catch(report(reason ? "hide" : "unhide")),
      commentsOf: (threadId) => owner(threadId)?.comments(threadId) ?? [],
      reactionsOf: (targetId) => owner(targetId)?.reactions(targetId) ?? new Map(),
    };
  }, [client, staffClient, staffThreadIds, report]);

  const createThread = (anchor: Anchor, body: string, tags: string[], instructorsOnly: boolean) => {
    const target = instructorsOnly ? staffClient : client;
    if (!target) return;
    const { id, done } = target.createThread({
      anchor,
      body,
      tags,
      visibility: instructorsOnly ? "instructors" : "group",
    });
    done.catch(report("start the thread"));
    setDraft(null);
    setActiveId(id);
    setAnnouncement(
      instructorsOnly ? "Thread started, visible to instructors and owners." : "Thread started.",
    );
  };

  const activate = useCallback(
    (threadId: string | null, focus = false) => {
      setActiveId(threadId);
      setReplyTo(null);
      focusActive.current = focus;
      if (threadId && narrow) {
        const thread = client?.threads().find((candidate) => candidate.id === threadId);
        if (thread) setSheetBlock(thread.anchor.blockId);
      }
    },
    [client, narrow],
  );

  // Move focus to the active card after keyboard navigation, and bring its paragraph into view.
  useEffect(() => {
    if (!activeId || !focusActive.current) return;
    focusActive.current = false;
    const card = document.getElementById(`thread-${activeId}`);
    card?.focus({ preventScroll: true });
    const thread = visible.find((candidate) => candidate.id === activeId);
    if (thread) document.getElementById(`p-${thread.anchor.blockId}`)?.scrollIntoView?.({ block: "center" });
  }, [activeId, visible]);

  // Selection → a floating "Annotate" button beside it.
  const articleRef = useRef<HTMLElement>(null);
  const readSelection = useCallback(() => {
    const current = window.getSelection();
    if (!current || current.rangeCount === 0 || current.isCollapsed) return setSelection(null);
    const range = current.getRangeAt(0);
    if (!articleRef.current?.contains(range.commonAncestorContainer)) return setSelection(null);
    const anchor = anchorFromSelection(range, (id) => blockById.get(id)?.text);
    if (!anchor || !permissions.write) return setSelection(null);
    const rect = range.getBoundingClientRect();
    // Above the selection, like a text editor's bubble; below it when that would hide under the top bars.
    const above = rect.top - 44;
    setSelection({
      anchor,
      top: above > 110 ? above : rect.bottom + 8,
      left: Math.max(8, rect.left + rect.width / 2 - 60),
    });
  }, [blockById, permissions.write]);
  useEffect(() => {
    const onChange = () => {
      if (window.getSelection()?.isCollapsed) setSelection(null);
    };
    document.addEventListener("selectionchange", onChange);
    return () => document.removeEventListener("selectionchange", onChange);
  }, []);

  const annotateSelection = useCallback(() => {
    if (!selection) return;
    setDraft(selection.anchor);
    if (narrow) setSheetBlock(selection.anchor.blockId);
    setSelection(null);
    window.getSelection()?.removeAllRanges();
  }, [selection, narrow]);

  const commentOnBlock = useCallback(
    (blockId: string) => {
      setDraft({ blockId });
      if (narrow) setSheetBlock(blockId);
    },
    [narrow],
  );

  const openSheet = useCallback((blockId: string, from: HTMLElement | null) => {
    sheetReturn.current = from;
    setSheetBlock(blockId);
  }, []);
  const closeSheet = useCallback(() => {
    setSheetBlock(null);
    setDraft(null);
    sheetReturn.current?.focus();
  }, []);

  // Keyboard: j/k next/previous thread, r reply, x resolve or reopen, c comment on the selection, Escape closes.
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key === "Escape") {
        if (sheetBlock) closeSheet();
        else if (draft) setDraft(null);
        else setActiveId(null);
        return;
      }
      if (isTyping(event.target) || event.ctrlKey || event.metaKey || event.altKey) return;
      const index = visible.findIndex((thread) => thread.id === activeId);
      if (event.key === "j" || event.key === "k") {
        if (visible.length === 0) return;
        const next =
          event.key === "j"
            ? visible[index < 0 ? 0 : Math.min(index + 1, visible.length - 1)]
            : visible[index < 0 ? visible.length - 1 : Math.max(index - 1, 0)];
        event.preventDefault();
        if (next) activate(next.id, true);
      } else if (event.key === "r" && activeId && permissions.write) {
        event.preventDefault();
        setReplyTo(activeId);
      } else if (event.key === "x" && activeId) {
        const thread = visible[index];
        if (thread && canResolve(permissions, user.id, thread.authorId)) {
          actions.setResolved(thread.id, thread.status !== "resolved");
        }
      } else if (event.key === "c" && selection) {
        event.preventDefault();
        annotateSelection();
      }
    };
    document.addEventListener("keydown", onKey);
    return () => document.removeEventListener("keydown", onKey);
  }, [
    visible,
    activeId,
    sheetBlock,
    draft,
    selection,
    actions,
    activate,
    annotateSelection,
    closeSheet,
    permissions,
    user.id,
  ]);

  const headings = useMemo(() => blocks.filter((block) => block.kind === "heading"), [blocks]);
  const currentHeading = useCurrentHeading(headings);
  const activeBlockId = visible.find((thread) => thread.id === activeId)?.anchor.blockId ?? null;
  const discussion = (blockId: string, inSheet: boolean) => (
    <BlockDiscussion
      blockId={blockId}
      threads={byBlock.get(blockId) ?? []}
      draft={draft?.blockId === blockId ? draft : null}
      note={notes.notes.get(blockId) ?? null}
      noteProblem={notes.problem}
      noteOpen={noteOpen === blockId}
      userId={user.id}
      activeId={activeId}
      revision={revision}
      actions={actions}
      replyTo={replyTo}
      limit={inSheet ? 50 : 3}
      onActivate={activate}
      onCreate={createThread}
      onCancelDraft={() => setDraft(null)}
      onSaveNote={(value) => {
        notes.save(blockId, value);
        setNoteOpen(null);
      }}
      onCloseNote={() => setNoteOpen(null)}
      onEditNote={() => setNoteOpen(blockId)}
    />
  );

  return (
    <PermissionsContext.Provider value={permissions}>
      <div className={`reader${narrow ? " is-narrow" : ""}`}>
        <a className="skip-link" href="#text">
          Skip to the text
        </a>
        <header className="reader-bar">
          <a
            className="back"
            href="/"
            onClick={(event) => {
              event.preventDefault();
              props.navigate("/");
            }}
          >
            ← Library
          </a>
          <p className="reader-title">{text.room.document.title}</p>
          <ConnectionPill {...connection} />
        </header>
        <FilterBar filters={filters} counts={counts} userId={user.id} onChange={setFilters} />
        <div className="reader-layout">
          {headings.length > 0 && (
            <nav className="toc" aria-label="Contents">
              <h2 className="toc-title">Contents</h2>
              <ol>
                {headings.map((heading) => (
                  <li key={heading.anchorId}>
                    <a
                      href={`#p-${heading.anchorId}`}
                      aria-current={heading.anchorId === currentHeading ? "location" : undefined}
                    >
                      {heading.text}
                    </a>
                  </li>
                ))}
              </ol>
              <details className="shortcuts">
                <summary>Keyboard shortcuts</summary>
                <dl>
                  <dt>j / k</dt>
                  <dd>next / previous thread</dd>
                  <dt>r</dt>
                  <dd>reply to the open thread</dd>
                  <dt>x</dt>
                  <dd>resolve or reopen it</dd>
                  <dt>c</dt>
                  <dd>comment on the selected passage</dd>
                  <dt>Esc</dt>
                  <dd>close</dd>
                </dl>
              </details>
            </nav>
          )}
          <main id="text" className="reader-main" tabIndex={-1} aria-label={text.room.document.title}>
            <div className="document-grid">
              <article
                ref={articleRef}
                className="document"
                onMouseUp={readSelection}
                onKeyUp={readSelection}
                onTouchEnd={() => setTimeout(readSelection, 0)}
              >
                {blocks.map((block) => (
                  <Row
                    key={block.anchorId}
                    block={block}
                    number={paragraphNumber.get(block.anchorId) ?? null}
                    highlights={highlights.get(block.anchorId) ?? noHighlights}
                    threadCount={byBlock.get(block.anchorId)?.length ?? 0}
                    hasNote={notes.notes.has(block.anchorId)}
                    activeId={activeId}
                    narrow={narrow}
                    onHighlightClick={activate}
                    onComment={commentOnBlock}
                    onNote={setNoteOpen}
                    onOpenSheet={openSheet}
                  />
                ))}
              </article>
              {detached.length > 0 && (
                <section className="detached" aria-labelledby="detached-title">
                  <h2 id="detached-title">Threads whose passage is not in this version</h2>
                  <p className="muted">
                    Their paragraph changed or was removed when the text was revised. They are kept here
                    rather than moved to a similar passage.
                  </p>
                  <ThreadList
                    threads={detached}
                    userId={user.id}
                    activeId={activeId}
                    revision={revision}
                    actions={actions}
                    onActivate={activate}
                    limit={50}
                    replyTo={replyTo}
                  />
                </section>
              )}
              {!narrow && (
                <Margin
                  blockIds={blocks
                    .map((block) => block.anchorId)
                    .filter(
                      (id) =>
                        byBlock.has(id) || draft?.blockId === id || notes.notes.has(id) || noteOpen === id,
                    )}
                  anchorBlockId={draft?.blockId ?? activeBlockId}
                  render={(blockId) => discussion(blockId, false)}
                />
              )}
            </div>
          </main>
          <DensityStrip blocks={blocks} byBlock={byBlock} revision={revision} />
        </div>
        {selection && (
          <button
            type="button"
            className="annotate-button"
            style={{ top: selection.top, left: selection.left }}
            onMouseDown={(event) => event.preventDefault()}
            onClick={annotateSelection}
          >
            Annotate <kbd>c</kbd>
          </button>
        )}
        {narrow && sheetBlock && (
          <BottomSheet
            title={`Discussion of ${paragraphNumber.has(sheetBlock) ? `paragraph ${paragraphNumber.get(sheetBlock)}` : "this block"}`}
            onClose={closeSheet}
          >
            {discussion(sheetBlock, true)}
          </BottomSheet>
        )}
        <div className="sr-only" role="status" aria-live="polite">
          {announcement}
        </div>
      </div>
    </PermissionsContext.Provider>
  );
}

const noHighlights: HighlightRange[] = [];

/** The heading of the section being read: the last one above the upper third of the window. */
function useCurrentHeading(headings: Block[]): string | null {
  const [current, setCurrent] = useState<string | null>(null);
  useEffect(() => {
    let frame = 0;
    const update = () => {
      frame = 0;
      let found: string | null = null;
      for (const heading of headings) {
        const row = document.getElementById(`p-${heading.anchorId}`);
        if (row && row.getBoundingClientRect().top < window.innerHeight / 3) found = heading.anchorId;
      }
      setCurrent(found);
    };
    const onScroll = () => {
      if (!frame) frame = requestAnimationFrame(update);
    };
    update();
    window.addEventListener("scroll", onScroll, { passive: true });
    return () => {
      cancelAnimationFrame(frame);
      window.removeEventListener("scroll", onScroll);
    };
  }, [headings]);
  return current;
}

interface RowProps {
  block: Block;
  number: number | null;
  highlights: HighlightRange[];
  threadCount: number;
  hasNote: boolean;
  activeId: string | null;
  narrow: boolean;
  onHighlightClick: (threadId: string) => void;
  onComment: (blockId: string) => void;
  onNote: (blockId: string) => void;
  onOpenSheet: (blockId: string, from: HTMLElement | null) => void;
}

/** One block with its number and tools. */
const Row = memo(function Row(props: RowProps) {
  const { block } = props;
  const label = props.number !== null ? `paragraph ${props.number}` : block.kind;
  const { write } = useContext(PermissionsContext);
  const discussable = block.kind === "paragraph" || block.kind === "heading";
  return (
    <div
      className={`row row-${block.kind}${props.threadCount > 0 ? " has-threads" : ""}`}
      id={`p-${block.anchorId}`}
    >
      <div className="block-cell">
        {props.number !== null && (
          <span className="pnum" aria-hidden="true">
            {props.number}
          </span>
        )}
        <BlockText
          block={block}
          highlights={props.highlights}
          activeThreadId={props.activeId}
          onHighlightClick={props.onHighlightClick}
        />
        {discussable && (
          <div className="para-tools">
            {props.threadCount > 0 && (
              <button
                type="button"
                className="para-marker"
                aria-label={`${props.threadCount} ${props.threadCount === 1 ? "thread" : "threads"} on ${label}`}
                onClick={(event) =>
                  props.narrow
                    ? props.onOpenSheet(block.anchorId, event.currentTarget)
                    : document
                        .querySelector<HTMLElement>(
                          `[data-margin-for="${CSS.escape(block.anchorId)}"] .thread-open`,
                        )
                        ?.focus()
                }
              >
                {props.threadCount}
              </button>
            )}
            {write && (
              <button
                type="button"
                className="tool"
                aria-label={`Comment on ${label}`}
                title="Comment on this paragraph"
                onClick={() => props.onComment(block.anchorId)}
              >
                +
              </button>
            )}
            <button
              type="button"
              className={`tool note-tool${props.hasNote ? " has-note" : ""}`}
              aria-label={`${props.hasNote ? "Edit" : "Add"} a private note on ${label}`}
              title="Private note (only you)"
              onClick={(event) => {
                props.onNote(block.anchorId);
                if (props.narrow) props.onOpenSheet(block.anchorId, event.currentTarget);
              }}
            >
              ✎
            </button>
          </div>
        )}
      </div>
    </div>
  );
});

const marginGap = 10;

/**
 * The wide-screen margin: one group per discussed block, placed beside its block like comments in a word
 * processor. The group being worked on (the open thread's or the new comment's) sits exactly beside its block;
 * the others keep their order and are pushed up or down just enough not to overlap, so the text never moves.
 */
function Margin(props: {
  blockIds: string[];
  anchorBlockId: string | null;
  render: (blockId: string) => React.ReactNode;
}) {
  const ref = useRef<HTMLElement>(null);
  const { anchorBlockId } = props;
  useLayoutEffect(() => {
    const margin = ref.current;
    if (!margin) return;
    let frame = 0;
    const layout = () => {
      frame = 0;
      const groups = [...margin.children] as HTMLElement[];
      const tops = groups.map(
        (group) => document.getElementById(`p-${group.dataset.marginFor}`)?.offsetTop ?? 0,
      );
      const heights = groups.map((group) => group.offsetHeight);
      const placed = [...tops];
      const pivot = Math.max(
        0,
        groups.findIndex((group) => group.dataset.marginFor === anchorBlockId),
      );
      for (let i = pivot + 1; i < groups.length; i += 1) {
        placed[i] = Math.max(tops[i]!, placed[i - 1]! + heights[i - 1]! + marginGap);
      }
      for (let i = pivot - 1; i >= 0; i -= 1) {
        placed[i] = Math.min(tops[i]!, placed[i + 1]! - heights[i]! - marginGap);
      }
      // Pushed above the top of the page: shift everything down instead.
      const overflow = Math.min(0, ...placed);
      groups.forEach((group, index) => {
        group.style.transform = `translateY(${placed[index]! - overflow}px)`;
      });
      const last = groups.length - 1;
      margin.style.minHeight = last < 0 ? "" : `${placed[last]! - overflow + heights[last]!}px`;
    };
    const schedule = () => {
      if (!frame) frame = requestAnimationFrame(layout);
    };
    layout();
    // Cards grow when opened or replied to, and the text reflows when the window changes size.
    const observer = new ResizeObserver(schedule);
    for (const group of margin.children) observer.observe(group);
    const text = margin.parentElement?.querySelector(".document");
    if (text) observer.observe(text);
    return () => {
      cancelAnimationFrame(frame);
      observer.disconnect();
    };
  });
  return (
    <section ref={ref} className="margin" aria-label="Discussion">
      {props.blockIds.map((blockId) => (
        <div key={blockId} className="margin-cell" data-margin-for={blockId}>
          {props.render(blockId)}
        </div>
      ))}
    </section>
  );
}

interface BlockDiscussionProps {
  blockId: string;
  threads: ViewThread[];
  draft: Anchor | null;
  note: string | null;
  noteProblem: string | null;
  noteOpen: boolean;
  userId: string;
  activeId: string | null;
  revision: number;
  actions: ThreadActions;
  replyTo: string | null;
  limit: number;
  onActivate: (threadId: string | null) => void;
  onCreate: (anchor: Anchor, body: string, tags: string[], instructorsOnly: boolean) => void;
  onCancelDraft: () => void;
  onSaveNote: (text: string) => void;
  onCloseNote: () => void;
  onEditNote: () => void;
}

/** The margin of one block: a new-thread composer, its threads, and the reader's private note. */
function BlockDiscussion(props: BlockDiscussionProps) {
  const { draft } = props;
  const { moderate } = useContext(PermissionsContext);
  return (
    <>
      {draft && (
        <div className="new-thread">
          {draft.exact && <blockquote className="quote">{draft.exact}</blockquote>}
          <Composer
            label={draft.exact ? "Comment on the selected passage" : "Comment on this paragraph"}
            submitLabel="Comment"
            withTags
            autoFocus
            onCancel={props.onCancelDraft}
            withVisibility={moderate}
            onSubmit={(body, tags, options) => props.onCreate(draft, body, tags, options.instructorsOnly)}
          />
        </div>
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
          onEdit={props.onEditNote}
          onSave={props.onSaveNote}
          onClose={props.onCloseNote}
        />
      )}
    </>
  );
}

function PrivateNote(props: {
  text: string;
  problem: string | null;
  editing: boolean;
  onEdit: () => void;
  onSave: (text: string) => void;
  onClose: () => void;
}) {
  const [value, setValue] = useState(props.text);
  useEffect(() => setValue(props.text), [props.text]);
  return (
    <aside className="private-note" aria-label="Private note">
      <p className="private-label">
        <span aria-hidden="true">🔒</span> Private note · only you
      </p>
      {props.problem && (
        <p className="error" role="alert">
          Kept in this browser only: {props.problem}
        </p>
      )}
      {props.editing ? (
        <form
          onSubmit={(event) => {
            event.preventDefault();
            props.onSave(value);
          }}
        >
          <textarea
            aria-label="Private note"
            value={value}
            rows={3}
            autoFocus
            onChange={(event) => setValue(event.target.value)}
            onKeyDown={(event) => {
              if (event.key === "Escape") {
                event.stopPropagation();
                props.onClose();
              }
            }}
          />
          <div className="composer-actions">
            <button type="button" className="button quiet" onClick={props.onClose}>
              Cancel
            </button>
            <button type="submit" className="button primary">
              Save note
            </button>
          </div>
        </form>
      ) : (
        <button type="button" className="note-text" onClick={props.onEdit}>
          {props.text}
        </button>
      )}
    </aside>
  );
}

function ConnectionPill({ status, pending, reason }: ConnectionState) {
  const label =
    status === "closed"
      ? `Disconnected: ${reason ?? "the server closed the connection."}`
      : status === "live"
        ? "Live"
        : status === "syncing"
          ? pending > 0
            ? `Syncing ${pending} ${pending === 1 ? "change" : "changes"}`
            : "Syncing…"
          : `Offline${pending > 0 ? ` · ${pending} pending` : ""}`;
  return (
    <p className={`conn conn-${status}`} role="status" aria-label={`Connection: ${label}`}>
      <span className="dot" aria-hidden="true" />
      {label}
    </p>
  );
}

function FilterBar(props: {
  filters: Filters;
  counts: ReturnType<typeof countFilters>;
  userId: string;
  onChange: (filters: Filters) => void;
}) {
  const { filters, counts } = props;
  const set = (patch: Partial<Filters>) => props.onChange({ ...filters, ...patch });
  return (
    <section className="filters" aria-label="Filter threads">
      <button
        type="button"
        className="chip"
        aria-pressed={filters.mine}
        onClick={() => set({ mine: !filters.mine })}
      >
        Mine <span className="count">{counts.mine}</span>
      </button>
      <span className="segmented" role="group" aria-label="Status">
        {(
          [
            ["all", "All", counts.all],
            ["open", "Open", counts.open],
            ["resolved", "Resolved", counts.resolved],
          ] as const
        ).map(([value, name, count]) => (
          <button
            key={value}
            type="button"
            className="chip"
            aria-pressed={filters.status === value}
            onClick={() => set({ status: value })}
          >
            {name} <span className="count">{count}</span>
          </button>
        ))}
      </span>
      <label className="search">
        <span className="sr-only">Search threads</span>
        <input
          type="search"
          placeholder="Search threads"
          value={filters.query}
          onChange={(event) => set({ query: event.target.value })}
        />
      </label>
      <label className="select">
        <span className="sr-only">Tag</span>
        <select value={filters.tag ?? ""} onChange={(event) => set({ tag: event.target.value || null })}>
          <option value="">All tags</option>
          {counts.tags.map(([tag, count]) => (
            <option key={tag} value={tag}>
              #{tag} ({count})
            </option>
          ))}
        </select>
      </label>
      <label className="select">
        <span className="sr-only">Member</span>
        <select
          value={filters.member ?? ""}
          onChange={(event) => set({ member: event.target.value || null })}
        >
          <option value="">Everyone</option>
          {counts.members.map((member) => (
            <option key={member.id} value={member.id}>
              {member.name} ({member.count})
            </option>
          ))}
        </select>
      </label>
    </section>
  );
}

/** A strip beside the scrollbar with a tick per discussed block, placed where the block sits in the text. */
function DensityStrip(props: { blocks: Block[]; byBlock: Map<string, ViewThread[]>; revision: number }) {
  const [ticks, setTicks] = useState<{ id: string; top: number; count: number }[]>([]);
  const key = [...props.byBlock].map(([id, list]) => `${id}:${list.length}`).join(",");
  useLayoutEffect(() => {
    const measure = () => {
      const height = document.documentElement.scrollHeight || 1;
      setTicks(
        [...props.byBlock].map(([id, list]) => {
          const element = document.getElementById(`p-${id}`);
          const top = element ? (element.getBoundingClientRect().top + window.scrollY) / height : 0;
          return { id, top: Math.min(0.995, Math.max(0, top)), count: list.length };
        }),
      );
    };
    measure();
    window.addEventListener("resize", measure);
    return () => window.removeEventListener("resize", measure);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- key summarises byBlock
  }, [key]);
  const max = Math.max(1, ...ticks.map((tick) => tick.count));
  return (
    <nav className="density" aria-label="Where the discussion is">
      {ticks.map((tick) => (
        <button
          key={tick.id}
          type="button"
          className="tick"
          style={{ top: `${tick.top * 100}%`, opacity: 0.35 + 0.65 * (tick.count / max) }}
          aria-label={`${tick.count} ${tick.count === 1 ? "thread" : "threads"}; go to the paragraph`}
          onClick={() => document.getElementById(`p-${tick.id}`)?.scrollIntoView({ block: "center" })}
        />
      ))}
    </nav>
  );
}

function BottomSheet(props: { title: string; onClose: () => void; children: React.ReactNode }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    ref.current?.focus();
  }, []);
  return (
    <div className="sheet-backdrop" onClick={props.onClose}>
      <div
        ref={ref}
        className="sheet"
        role="dialog"
        aria-modal="true"
        aria-label={props.title}
        tabIndex={-1}
        onClick={(event) => event.stopPropagation()}
        onKeyDown={(event) => {
          // Keep Tab inside the open sheet (it is modal), wrapping at both ends.
          if (event.key !== "Tab" || !ref.current) return;
          const focusable = [
            ...ref.current.querySelectorAll<HTMLElement>(
              "button, a[href], textarea, input, select, [tabindex='0']",
            ),
          ].filter((element) => !element.hasAttribute("disabled"));
          const first = focusable[0];
          const last = focusable.at(-1);
          if (!first || !last) return;
          if (
            event.shiftKey &&
            (document.activeElement === first || document.activeElement === ref.current)
          ) {
            event.preventDefault();
            last.focus();
          } else if (!event.shiftKey && document.activeElement === last) {
            event.preventDefault();
            first.focus();
          }
        }}
      >
        <div className="sheet-head">
          <h2>{props.title}</h2>
          <button type="button" className="button quiet" onClick={props.onClose}>
            Close
          </button>
        </div>
        <div className="sheet-body">{props.children}</div>
      </div>
    </div>
  );
}
