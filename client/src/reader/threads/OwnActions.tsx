// Edit and delete, on the author's own threads and replies.

/** Edit and delete, offered to the author only; deleting asks first. */
export function OwnActions(props: {
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
