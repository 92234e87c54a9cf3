// The replies of a thread, nested by parent; Replies and Reply render each other, so they share a file.
import { useContext } from "react";
import { Composer } from "../../components/Composer.tsx";
import { useKeptState } from "../../components/kept-state.ts";
import { Markdown } from "../../components/Markdown.tsx";
import type { Audience } from "../../components/mentions/members.ts";
import { wordsAnswerable } from "../../../../shared/answerable.ts";
import { PermissionsContext } from "../permissions.ts";
import type { ViewComment } from "../state/thread-view.ts";
import type { ThreadActions } from "../state/use-thread-actions.ts";
import { HiddenNotice } from "./HiddenNotice.tsx";
import { ModerateAction } from "./ModerateAction.tsx";
import { FailedNotice } from "./FailedNotice.tsx";
import { NotSavedBadge } from "./NotSavedBadge.tsx";
import { PendingBadge } from "./PendingBadge.tsx";
import { OwnActions } from "./OwnActions.tsx";
import { Reactions } from "./Reactions.tsx";
import { RelativeTime } from "./RelativeTime.tsx";
import { ReplyComposer } from "./ReplyComposer.tsx";
import { LateBadge } from "./LateBadge.tsx";

/** The replies under `parentId` (null: the top level), each with its own replies below it. */
export function Replies(props: {
  comments: ViewComment[];
  parentId: string | null;
  userId: string;
  actions: ThreadActions;
  threadId: string;
  /** Who sees the thread (whom its composers offer to mention). */
  audience: Audience;
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

/** One reply with its actions and reply box. */
function Reply(props: {
  comment: ViewComment;
  comments: ViewComment[];
  userId: string;
  actions: ThreadActions;
  threadId: string;
  audience: Audience;
}) {
  const { comment, actions } = props;
  const [editing, setEditing] = useKeptState(`comment:${comment.id}:editing`, false);
  const [replying, setReplying] = useKeptState(`comment:${comment.id}:replying`, false);
  const permissions = useContext(PermissionsContext);
  const own = comment.authorId === props.userId;
  const answerable = wordsAnswerable(comment, permissions.moderate);
  return (
    <div className={`reply${comment.pending ? " pending" : ""}`} data-comment-id={comment.id}>
      <div className="thread-head">
        <span className="author">{comment.authorName}</span>
        <RelativeTime iso={comment.createdAt} />
        {comment.editedAt && !comment.deleted && <span className="muted">(edited)</span>}
        {comment.late && <LateBadge />}
        {comment.pending && <PendingBadge />}
        <NotSavedBadge record={comment} />
      </div>
      {comment.deleted ? (
        <p className="muted">This reply was deleted.</p>
      ) : comment.hidden ? (
        <HiddenNotice
          target={{ kind: "comment", id: comment.id, threadId: comment.threadId }}
          hidden={comment.hidden}
        />
      ) : editing ? (
        <Composer
          label="Edit reply"
          submitLabel="Save"
          audience={props.audience}
          initialBody={comment.body}
          autoFocus
          keepKey={`comment:${comment.id}:edit`}
          onCancel={() => setEditing(false)}
          onSubmit={(body) => {
            actions.editComment(comment.id, body);
            setEditing(false);
          }}
        />
      ) : (
        <Markdown source={comment.body} />
      )}
      <FailedNotice recordId={comment.id} failures={comment.failures} />
      {!comment.deleted && (
        <div className="thread-actions small">
          {answerable && <Reactions targetId={comment.id} userId={props.userId} actions={actions} />}
          {permissions.write && answerable && (
            <button type="button" className="button link" onClick={() => setReplying(true)}>
              Reply
            </button>
          )}
          {permissions.moderate && (
            <ModerateAction
              style="link"
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
              onEdit={comment.hidden ? undefined : () => setEditing(true)}
              onDelete={() => actions.deleteComment(comment.id)}
            />
          )}
        </div>
      )}
      {replying && (
        <ReplyComposer
          threadId={props.threadId}
          authorName={comment.authorName}
          audience={props.audience}
          keepKey={`comment:${comment.id}:reply`}
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
        audience={props.audience}
      />
    </div>
  );
}
