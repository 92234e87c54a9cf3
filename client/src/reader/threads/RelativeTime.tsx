// A time shown relative to now, with the full date in the markup and the tooltip; it keeps itself up to date.
import { formatAbsolute, formatRelative } from "./format-time.ts";
import { useClock } from "./clock.ts";

/** `<time>` for the ISO instant `iso`: "3 minutes ago", titled with the date and time in full. */
export function RelativeTime(props: { iso: string }) {
  const now = useClock();
  const at = new Date(props.iso);
  if (Number.isNaN(at.getTime())) return null;
  return (
    <time dateTime={props.iso} title={formatAbsolute(at)}>
      {formatRelative(at.getTime(), now)}
    </time>
  );
}
