// The group's removed texts, for owners and instructors: gone from the library, their discussions still downloadable.
import { useState } from "react";
import { api, type RoomDto } from "../../api/http.ts";
import { ErrorAlert } from "./ErrorAlert.tsx";
import { errorText } from "./error-text.ts";

/** The discussion files offered for a removed text (the reader's export dialog is not reachable for it). */
const downloads = [
  { format: "md", label: "Markdown" },
  { format: "html", label: "Web page" },
  { format: "csv", label: "CSV" },
] as const;

/** Loaded when opened. */
export function RemovedTexts(props: { groupId: string }) {
  const [rooms, setRooms] = useState<RoomDto[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  return (
    <details
      className="removed-texts"
      onToggle={(event) => {
        if (!event.currentTarget.open || rooms) return;
        api.removedRooms(props.groupId).then(
          (result) => setRooms(result.rooms),
          (caught: unknown) => setError(errorText(caught)),
        );
      }}
    >
      <summary>Removed texts</summary>
      <ErrorAlert error={error} />
      {rooms?.length === 0 && <p className="muted">No texts were removed.</p>}
      {rooms && rooms.length > 0 && (
        <ul aria-label="Removed texts">
          {rooms.map((room) => (
            <li key={room.id}>
              <span className="room-title">{room.document.title}</span> · download the discussion:{" "}
              {downloads.map((download, index) => (
                <span key={download.format}>
                  {index > 0 && ", "}
                  <a href={`/api/rooms/${room.id}/export?format=${download.format}`} download>
                    {download.label}
                  </a>
                </span>
              ))}
            </li>
          ))}
        </ul>
      )}
    </details>
  );
}
