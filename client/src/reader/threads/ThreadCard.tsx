// One thread as a card: compact until opened, then the whole discussion with the reader's actions.
import { memo, useContext, useEffect, useRef } from "react";
import { Composer } from "../../components/Composer.tsx";
import { useKeptState } from "../../components/kept-state.ts";
import { Markdown } from "../../components/Markdown.tsx";
import { reveal } from "../../components/reveal.ts";
import { threadCardId } from "../dom-ids.ts";
import { wordsAnswerable } from "../../../../shared/answerable.ts";
import { canResolve, PermissionsContext } from "../permissions.ts";
import { FollowedThreadsContext } from "../state/followed-threads.ts";
import { HighlightBusContext } from "../state/highlight-bus.ts";
import type { ViewThread } from "../state/thread-view.ts";
import type { ThreadActions } from "../state/use-thread-actions.ts";
import { AnchorChangeNote, quoteOf } from "./AnchorChangeNote.tsx";
import { CollapsedSummary } from "./CollapsedSummary.tsx";
import { CopyAsMarkdown } from "./CopyAsMarkdown.tsx";
import { HiddenNotice } from "./HiddenNotice.tsx";
import { LateBadge } from "./LateBadge.tsx";
import { WrittenOnBadge } from "./WrittenOnBadge.tsx";
import { ModerateAction } from "./ModerateAction.tsx";
import { FailedNotice } from "./FailedNotice.tsx";
import { FollowButton } from "./FollowButton.tsx";
import { NotSavedBadge } from "./NotSavedBadge.tsx";
import { PendingBadge } from "./PendingBadge.tsx";
import { UnsavedRepliesNote } from "./UnsavedRepliesNote.tsx";
import { OwnActions } from "./OwnActions.tsx";
import { Reactions } from "./Reactions.tsx";
import { RelativeTime } from "./RelativeTime.tsx";
import { Replies } from "./Replies.tsx";
import { RoleBadge } from "./RoleBadge.tsx";
import { ReplyComposer } from "./ReplyComposer.tsx";
import { TypingNote } from "./TypingNote.tsx";

export interface ThreadCardProps {
  thread: ViewThread;
  userId: string;
  active: boolean;
  revision: number;
  actions: ThreadActions;
  onActivate: (threadId: string | null) => void;
  replyOpen: boolean;
  /** The thread is in the list of threads no longer in the text. */
  detached?: boolean;
  /** Offered on a detached thread (instructors and owners): attach it to a passage the reader chooses next. */
  onAttach?: (threadId: string) => void;
  /** The thread is the one being attached. */
  attaching?: boolean;
}

/** One thread: quote, opening comment, tags, reactions, replies (nested), and the author's and readers' actions. */
/** The open thread whose card was last brought into view (one thread is open at a time). */
let revealedThread: string | null = null;

export const ThreadCard = memo(function ThreadCard(props: ThreadCardProps) {
  const { thread, actions, userId } = props;
  // Kept by thread id: a card rebuilt beside another paragraph (the text changed) keeps its open boxes.
  const [editing, setEditing] = useKeptState(`thread:${thread.id}:editing`, false);
  const [replying, setReplying] = useKeptState(`thread:${thread.id}:replying`, false);
  const ref = useRef<HTMLElement>(null);
  const comments = props.active ? actions.commentsOf(thread.id) : [];
  const permissions = useContext(PermissionsContext);
  // The replies that stand: the words this reader may read (not deleted; hidden ones for moderators), the rule that
  // decides what may be answered.
  const replyCount = props.active
    ? 0
    : actions.commentsOf(thread.id).filter((comment) => wordsAnswerable(comment, permissions.moderate))
        .length;
  const answerable = wordsAnswerable(thread, permissions.moderate);
  const bus = useContext(HighlightBusContext);
  const following = useContext(FollowedThreadsContext).followed.has(thread.id);
  const own = thread.authorId === userId;
  const resolved = thread.status === "resolved";

  useEffect(() => {
    if (props.replyOpen) setReplying(true);
  }, [props.replyOpen, setReplying]);
  useEffect(() => {
    // Brought into view when opened, not when shown again still open (a search cleared, a filter lifted): that
    // would pull the reader back to it from wherever they have read on to.
    if (!props.active) {
      if (revealedThread === thread.id) revealedThread = null;
    } else if (revealedThread !== thread.id && ref.current) {
      revealedThread = thread.id;
      reveal(ref.current);
    }
  }, [props.active, thread.id]);

  const headingId = `${threadCardId(thread.id)}-title`;
  const open = () => props.onActivate(thread.id);
  return (
    <article
      ref={ref}
      id={threadCardId(thread.id)}
      className={`thread-card${props.active ? " active" : ""}${resolved ? " resolved" : ""}${thread.pending ? " pending" : ""}${thread.visibility === "instructors" ? " staff" : ""}`}
      aria-labelledby={headingId}
      data-thread-id={thread.id}
      tabIndex={-1}
      onMouseEnter={() => bus.hover(thread.id, true)}
      onMouseLeave={() => bus.hover(thread.id, false)}
      onClick={(event) => {
        if (!props.active && !(event.target as HTMLElement).closest("button, a, textarea, input")) open();
      }}
    >
      <header className="thread-head">
        <h3 id={headingId} className="author">
          <button type="button" className="thread-open" aria-expanded={props.active} onClick={open}>
            {thread.authorName}
          </button>
        </h3>
        <RoleBadge authorId={thread.authorId} authorName={thread.authorName} />
        <RelativeTime iso={thread.createdAt} />
        {thread.pinned && (
          <span className="badge pin-badge" title={`Pinned by ${thread.pinned.byName}`}>
            Pinned
          </span>
        )}
        {thread.announcement && <span className="badge announcement-badge">Announcement</span>}
        {thread.visibility === "instructors" && <span className="badge staff-badge">Instructors only</span>}
        {thread.late && <LateBadge />}
        <WrittenOnBadge version={thread.version} />
        {resolved && <span className="badge">Resolved</span>}
        {following && !props.active && <span className="badge">Following</span>}
        {thread.pending && <PendingBadge />}
        <NotSavedBadge record={thread} />
      </header>
      {quoteOf(thread) && <blockquote className="quote">{quoteOf(thread)}</blockquote>}
      <AnchorChangeNote thread={thread} detached={props.detached ?? false} />
      {props.detached && props.onAttach && (
        <button
          type="button"
          className="button quiet attach-button"
          aria-pressed={props.attaching ?? false}
          onClick={() => props.onAttach!(thread.id)}
        >
          Attach to a passage
        </button>
      )}
      {thread.deleted ? (
        <p className="muted">This thread was deleted.</p>
      ) : thread.hidden ? (
        <HiddenNotice
          target={{ kind: "thread", id: thread.id, threadId: thread.id }}
          hidden={thread.hidden}
        />
      ) : editing ? (
        <Composer
          label="Edit thread"
          submitLabel="Save"
          initialBody={thread.body}
          audience={thread.visibility}
          withTags
          initialTags={thread.tags}
          autoFocus
          keepKey={`thread:${thread.id}:edit`}
          onCancel={() => setEditing(false)}
          onSubmit={(body, tags) => {
            actions.editThread(thread.id, { body, tags });
            setEditing(false);
          }}
        />
      ) : (
        <div className={props.active ? "body" : "body clamped"}>
          <Markdown source={thread.body} />
        </div>
      )}
      <FailedNotice recordId={thread.id} failures={thread.failures} />
      {thread.tags.length > 0 && (
        <ul className="tags" aria-label="Tags">
          {thread.tags.map((tag) => (
            <li key={tag} className="tag">
              #{tag}
            </li>
          ))}
        </ul>
      )}
      {!props.active && (
        <CollapsedSummary replyCount={replyCount} reactions={actions.reactionsOf(thread.id)} />
      )}
      {props.active && !thread.deleted && (
        <>
          {answerable && <Reactions targetId={thread.id} userId={userId} actions={actions} />}
          <div className="thread-actions">
            {permissions.write && answerable && (
              <button type="button" className="button quiet" onClick={() => setReplying(true)}>
                Reply
              </button>
            )}
            {canResolve(permissions, userId, thread.authorId) && (
              <button
                type="button"
                className="button quiet"
                onClick={() => actions.setResolved(thread.id, !resolved)}
              >
                {resolved ? "Reopen" : "Resolve"}
              </button>
            )}
            {permissions.moderate && (
              <button
                type="button"
                className="button quiet"
                aria-pressed={Boolean(thread.pinned)}
                onClick={() => actions.setPinned(thread.id, !thread.pinned)}
              >
                {thread.pinned ? "Unpin" : "Pin"}
              </button>
            )}
            {permissions.moderate && (
              <ModerateAction
                style="quiet"
                kind="thread"
                id={thread.id}
                hidden={thread.hidden !== null}
                actions={actions}
              />
            )}
            {own && (
              <OwnActions
                style="quiet"
                what="thread"
                onEdit={thread.hidden ? undefined : () => setEditing(true)}
                onDelete={() => actions.deleteThread(thread.id)}
              />
            )}
            {!thread.pending && answerable && <FollowButton threadId={thread.id} />}
            {!thread.pending && <CopyAsMarkdown threadId={thread.id} />}
          </div>
          <Replies
            comments={comments}
            parentId={null}
            userId={userId}
            actions={actions}
            threadId={thread.id}
            audience={thread.visibility}
          />
          {replying && (
            <ReplyComposer
              threadId={thread.id}
              authorName={thread.authorName}
              audience={thread.visibility}
              keepKey={`thread:${thread.id}:reply`}
              onCancel={() => setReplying(false)}
              onSubmit={(body) => {
                actions.reply(thread.id, body, null);
                setReplying(false);
              }}
            />
          )}
        </>
      )}
      {!thread.deleted && <TypingNote threadId={thread.id} />}
      {!props.active && <UnsavedRepliesNote comments={actions.commentsOf(thread.id)} />}
    </article>
  );
});
