// A refused request's message, announced to screen readers; nothing when there is none.
export function ErrorAlert(props: { error: string | null }) {
  if (!props.error) return null;
  return (
    <p className="error" role="alert">
      {props.error}
    </p>
  );
}
