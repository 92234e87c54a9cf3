// The group's activity log for owners and instructors: membership, invite, moderation and text events in sentences.
import { useState } from "react";
import { api, type AuditPageDto } from "../../api/http.ts";
import { RelativeTime } from "../../reader/threads/RelativeTime.tsx";
import { describeAuditEvent } from "./describe-audit.ts";
import { ErrorAlert } from "./ErrorAlert.tsx";
import { errorText } from "./error-text.ts";

/** Loaded when opened, newest first; "Show older" fetches the next page. */
export function AuditLog(props: { groupId: string }) {
  const [events, setEvents] = useState<AuditPageDto["events"] | null>(null);
  const [cursor, setCursor] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  const load = async (before?: string) => {
    try {
      const page = await api.audit(props.groupId, before);
      setEvents((shown) => [...(before ? (shown ?? []) : []), ...page.events]);
      setCursor(page.nextCursor);
    } catch (caught) {
      setError(errorText(caught));
    }
  };

  return (
    <details
      className="audit-log"
      onToggle={(event) => {
        if (event.currentTarget.open && !events) void load();
      }}
    >
      <summary>Activity log</summary>
      <ErrorAlert error={error} />
      {events === null && !error && <p className="muted">Loading…</p>}
      {events && (
        <ol className="audit-events" aria-label="Activity">
          {events.map((event) => (
            <li key={event.id}>
              {describeAuditEvent(event)} <RelativeTime iso={event.createdAt} />
            </li>
          ))}
        </ol>
      )}
      {cursor && (
        <button type="button" className="button quiet" onClick={() => void load(cursor)}>
          Show older
        </button>
      )}
    </details>
  );
}
