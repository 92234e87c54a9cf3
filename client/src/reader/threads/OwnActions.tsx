// Edit and delete, on the author's own threads and replies.

/** Edit and delete, offered to the author only; deleting asks first. */
export function OwnActions(props: {
  style: "quiet" | "link";
  what: "thread" | "reply";
  /** Absent while a moderator hides it: the server refuses edits until it is unhidden. */
  onEdit?: () => void;
  onDelete: () => void;
}) {
  return (
    <>
      {props.onEdit && (
        <button type="button" className={`button ${props.style}`} onClick={props.onEdit}>
          Edit
        </button>
      )}
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
