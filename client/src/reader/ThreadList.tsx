// The threads of one paragraph as margin cards: compact until opened, then the whole discussion with actions.
import { createContext, memo, useContext, useEffect, useRef, useState } from "react";
import type { CommentRecord, ReactionRecord, ThreadRecord } from "../../../shared/room-doc.ts";
import { limits } from "../../../shared/limits.ts";
import { Composer } from "../components/Composer.tsx";
import { Markdown } from "../components/Markdown.tsx";

/** What the reader's role allows, mirroring the server's policy so the UI offers only what will succeed. */
export interface Permissions {
  /** Start threads, reply, react (everyone but observers). */
  write: boolean;
  /** Resolve anyone's thread, hide and unhide (owners and instructors). */
  moderate: boolean;
}

export const PermissionsContext = createContext<Permissions>({ write: true, moderate: false });

/** True when the reader may resolve or reopen a thread by `authorId`. */
export const canResolve = (permissions: Permissions, userId: string, authorId: string) =>
  permissions.moderate || (permissions.write && authorId === userId);

export type ViewThread = ThreadRecord & { pending: boolean };
export type ViewComment = CommentRecord & { pending: boolean };

/** What a thread card can do; the reader wires these to the RoomClient. */
export interface ThreadActions {
  reply(threadId: string, body: string, parentId: string | null): void;
  editThread(threadId: string, patch: { body?: string; tags?: string[] }): void;
  deleteThread(threadId: string): void;
  setResolved(threadId: string, resolved: boolean): void;
  editComment(commentId: string, body: string): void;
  deleteComment(commentId: string): void;
  react(targetId: string, emoji: string, on: boolean): void;
  /** Hide with a reason, or unhide with null (moderators). */
  hide(kind: "thread" | "comment", id: string, reason: string | null): void;
  commentsOf(threadId: string): ViewComment[];
  reactionsOf(targetId: string): ReadonlyMap<string, readonly Readonly<ReactionRecord>[]>;
}

export interface ThreadListProps {
  threads: ViewThread[];
  userId: string;
  activeId: string | null;
  /** Bumps when the room changes, so memoised cards refresh their replies and reactions. */
  revision: number;
  actions: ThreadActions;
  onActivate: (threadId: string | null) => void;
  /** How many cards to show before "Show n more". */
  limit?: number;
  /** Thread id whose reply box should open (keyboard "r"). */
  replyTo?: string | null;
}

const timeFormat = new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeStyle: "short" });
const formatTime = (iso: string) => timeFormat.format(new Date(iso));

/** The threads of one block, in the order given. */
export const ThreadList = memo(function ThreadList(props: ThreadListProps) {
  const [expanded, setExpanded] = useState(false);
  const limit = props.limit ?? 3;
  const activeIndex = props.threads.findIndex((thread) => thread.id === props.activeId);
  const visible =
    expanded || props.threads.length <= limit
      ? props.threads
      : props.threads.filter((_, index) => index < limit || index === activeIndex);
  const hidden = props.threads.length - visible.length;
  return (
    <ul className="thread-list" aria-label={`${props.threads.length} threads`}>
      {visible.map((thread) => (
        <li key={thread.id}>
          <ThreadCard
            thread={thread}
            userId={props.userId}
            active={thread.id === props.activeId}
            revision={props.revision}
            actions={props.actions}
            onActivate={props.onActivate}
            replyOpen={props.replyTo === thread.id}
          />
        </li>
      ))}
      {hidden > 0 && (
        <li>
          <button type="button" className="button link" onClick={() => setExpanded(true)}>
            Show {hidden} more {hidden === 1 ? "thread" : "threads"}
          </button>
        </li>
      )}
    </ul>
  );
});

interface ThreadCardProps {
  thread: ViewThread;
  userId: string;
  active: boolean;
  revision: number;
  actions: ThreadActions;
  onActivate: (threadId: string | null) => void;
  replyOpen: boolean;
}

/** One thread: quote, opening comment, tags, reactions, replies (nested), and the author's and readers' actions. */
export const ThreadCard = memo(function ThreadCard(props: ThreadCardProps) {
  const { thread, actions, userId } = props;
  const [editing, setEditing] = useState(false);
  const [replying, setReplying] = useState(false);
  const ref = useRef<HTMLElement>(null);
  const comments = props.active ? actions.commentsOf(thread.id) : [];
  const replyCount = props.active ? comments.length : actions.commentsOf(thread.id).length;
  const permissions = useContext(PermissionsContext);
  const own = thread.authorId === userId;
  const resolved = thread.status === "resolved";

  useEffect(() => {
    if (props.replyOpen) setReplying(true);
  }, [props.replyOpen]);
  useEffect(() => {
    if (props.active) ref.current?.scrollIntoView?.({ block: "nearest" });
  }, [props.active]);

  const headingId = `thread-${thread.id}-title`;
  const open = () => props.onActivate(thread.id);
  return (
    <article
      ref={ref}
      id={`thread-${thread.id}`}
      className={`thread-card${props.active ? " active" : ""}${resolved ? " resolved" : ""}${thread.pending ? " pending" : ""}${thread.visibility === "instructors" ? " staff" : ""}`}
      aria-labelledby={headingId}
      data-thread-id={thread.id}
      tabIndex={-1}
      onMouseEnter={() => markPassage(thread.id, true)}
      onMouseLeave={() => markPassage(thread.id, false)}
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
        <time dateTime={thread.createdAt}>{formatTime(thread.createdAt)}</time>
        {thread.visibility === "instructors" && <span className="badge staff-badge">Instructors only</span>}
        {resolved && <span className="badge">Resolved</span>}
        {thread.pending && <span className="badge pending-badge">Sending…</span>}
      </header>
      {thread.anchor.exact && <blockquote className="quote">{thread.anchor.exact}</blockquote>}
      {thread.deleted ? (
        <p className="muted">This thread was deleted.</p>
      ) : thread.hidden ? (
        <p className="muted">Hidden by {thread.hidden.byName}.</p>
      ) : editing ? (
        <Composer
          label="Edit thread"
          submitLabel="Save"
          initialBody={thread.body}
          withTags
          initialTags={thread.tags}
          autoFocus
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
      {thread.tags.length > 0 && (
        <ul className="tags" aria-label="Tags">
          {thread.tags.map((tag) => (
            <li key={tag} className="tag">
              #{tag}
            </li>
          ))}
        </ul>
      )}
      {!props.active && replyCount > 0 && (
        <p className="reply-count">
          {replyCount} {replyCount === 1 ? "reply" : "replies"}
        </p>
      )}
      {props.active && !thread.deleted && (
        <>
          <Reactions targetId={thread.id} userId={userId} actions={actions} />
          <div className="thread-actions">
            {permissions.write && (
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
              <ModerateAction
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
                onEdit={() => setEditing(true)}
                onDelete={() => actions.deleteThread(thread.id)}
              />
            )}
          </div>
          <Replies
            comments={comments}
            parentId={null}
            userId={userId}
            actions={actions}
            threadId={thread.id}
          />
          {replying && (
            <Composer
              label={`Reply to ${thread.authorName}`}
              submitLabel="Reply"
              autoFocus
              onCancel={() => setReplying(false)}
              onSubmit={(body) => {
                actions.reply(thread.id, body, null);
                setReplying(false);
              }}
            />
          )}
        </>
      )}
    </article>
  );
});

function Replies(props: {
  comments: ViewComment[];
  parentId: string | null;
  userId: string;
  actions: ThreadActions;
  threadId: string;
}) {
  const known = new Set(props.comments.map((comment) => comment.id));
  // Replies whose parent is unknown (not yet synced) show at the top level rather than vanish.
  const level = props.comments.filter((comment) =>
    props.parentId === null
      ? comment.parentId === null || !known.has(comment.parentId)
      : comment.parentId === props.parentId,
  );
  if (level.length === 0) return null;
  return (
    <ol className="replies">
      {level.map((comment) => (
        <li key={comment.id}>
          <Reply comment={comment} {...props} />
        </li>
      ))}
    </ol>
  );
}

function Reply(props: {
  comment: ViewComment;
  comments: ViewComment[];
  userId: string;
  actions: ThreadActions;
  threadId: string;
}) {
  const { comment, actions } = props;
  const [editing, setEditing] = useState(false);
  const [replying, setReplying] = useState(false);
  const permissions = useContext(PermissionsContext);
  const own = comment.authorId === props.userId;
  return (
    <div className={`reply${comment.pending ? " pending" : ""}`} data-comment-id={comment.id}>
      <div className="thread-head">
        <span className="author">{comment.authorName}</span>
        <time dateTime={comment.createdAt}>{formatTime(comment.createdAt)}</time>
        {comment.editedAt && <span className="muted">(edited)</span>}
        {comment.pending && <span className="badge pending-badge">Sending…</span>}
      </div>
      {comment.deleted ? (
        <p className="muted">This reply was deleted.</p>
      ) : comment.hidden ? (
        <p className="muted">Hidden by {comment.hidden.byName}.</p>
      ) : editing ? (
        <Composer
          label="Edit reply"
          submitLabel="Save"
          initialBody={comment.body}
          autoFocus
          onCancel={() => setEditing(false)}
          onSubmit={(body) => {
            actions.editComment(comment.id, body);
            setEditing(false);
          }}
        />
      ) : (
        <Markdown source={comment.body} />
      )}
      {!comment.deleted && (
        <div className="thread-actions small">
          <Reactions targetId={comment.id} userId={props.userId} actions={actions} />
          {permissions.write && (
            <button type="button" className="button link" onClick={() => setReplying(true)}>
              Reply
            </button>
          )}
          {permissions.moderate && (
            <ModerateAction
              kind="comment"
              id={comment.id}
              hidden={comment.hidden !== null}
              actions={actions}
            />
          )}
          {own && (
            <OwnActions
              style="link"
              what="reply"
              onEdit={() => setEditing(true)}
              onDelete={() => actions.deleteComment(comment.id)}
            />
          )}
        </div>
      )}
      {replying && (
        <Composer
          label={`Reply to ${comment.authorName}`}
          submitLabel="Reply"
          autoFocus
          onCancel={() => setReplying(false)}
          onSubmit={(body) => {
            actions.reply(props.threadId, body, comment.id);
            setReplying(false);
          }}
        />
      )}
      <Replies
        comments={props.comments}
        parentId={comment.id}
        userId={props.userId}
        actions={actions}
        threadId={props.threadId}
      />
    </div>
  );
}

/**
 * Shows which passage a card is about while the pointer rests on it. Done on the DOM directly: it is momentary,
 * and re-rendering every paragraph for a hover would cost more than it shows.
 */
function markPassage(threadId: string, on: boolean) {
  for (const mark of document.querySelectorAll(`mark[data-threads~="${CSS.escape(threadId)}"]`)) {
    mark.classList.toggle("hover", on);
  }
}

/** Edit and delete, offered to the author only; deleting asks first. */
function OwnActions(props: {
  style: "quiet" | "link";
  what: "thread" | "reply";
  onEdit: () => void;
  onDelete: () => void;
}) {
  return (
    <>
      <button type="button" className={`button ${props.style}`} onClick={props.onEdit}>
        Edit
      </button>
      <button
        type="button"
        className={`button ${props.style} danger`}
        onClick={() => {
          if (window.confirm(`Delete this ${props.what}?`)) props.onDelete();
        }}
      >
        Delete
      </button>
    </>
  );
}

/** Hide (asking for the reason readers will see) or unhide; for owners and instructors. */
function ModerateAction(props: {
  kind: "thread" | "comment";
  id: string;
  hidden: boolean;
  actions: ThreadActions;
}) {
  return (
    <button
      type="button"
      className="button link"
      onClick={() => {
        if (props.hidden) return props.actions.hide(props.kind, props.id, null);
        const reason = window.prompt("Why hide this? Readers will see the reason.");
        if (reason?.trim()) props.actions.hide(props.kind, props.id, reason.trim());
      }}
    >
      {props.hidden ? "Unhide" : "Hide"}
    </button>
  );
}

function Reactions(props: { targetId: string; userId: string; actions: ThreadActions }) {
  const permissions = useContext(PermissionsContext);
  const [picking, setPicking] = useState(false);
  const grouped = props.actions.reactionsOf(props.targetId);
  return (
    <div className="reactions">
      {[...grouped].map(([emoji, list]) => {
        const mine = list.some((reaction) => reaction.userId === props.userId);
        return (
          <button
            key={emoji}
            type="button"
            className={`reaction${mine ? " mine" : ""}`}
            aria-pressed={mine}
            aria-label={`${emoji} ${list.length}: ${list.map((reaction) => reaction.userName).join(", ")}`}
            disabled={!permissions.write}
            onClick={() => props.actions.react(props.targetId, emoji, !mine)}
          >
            {emoji} {list.length}
          </button>
        );
      })}
      {permissions.write && (
        <button
          type="button"
          className="reaction add"
          aria-label="Add a reaction"
          aria-expanded={picking}
          onClick={() => setPicking(!picking)}
        >
          ☺+
        </button>
      )}
      {picking && (
        <span className="picker" role="group" aria-label="Reactions">
          {limits.reactions.map((emoji) => (
            <button
              key={emoji}
              type="button"
              className="reaction"
              onClick={() => {
                props.actions.react(props.targetId, emoji, true);
                setPicking(false);
              }}
            >
              {emoji}
            </button>
          ))}
        </span>
      )}
    </div>
  );
}
