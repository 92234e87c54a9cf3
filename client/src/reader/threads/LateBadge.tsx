// The mark on a thread or reply written after its author's due date.
export function LateBadge() {
  return (
    <span
      className="badge late-badge"
      title="Written after the assignment's due date (or the author's extension)"
    >
      Late
    </span>
  );
}
