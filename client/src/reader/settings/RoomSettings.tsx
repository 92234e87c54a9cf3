// The room's settings for its instructors and owners: hide the class's threads until each student posts, and whether
// instructors' threads stay visible meanwhile; with a badge in the bar while the room hides them.
import { useCallback, useId, useRef, useState } from "react";
import { useDismiss } from "../../components/use-dismiss.ts";
import type { RoomSettingsDto } from "../../../../shared/schemas/room-settings.ts";
import { api } from "../../api/http.ts";

/** The badge in the reader's bar while the room hides the class's threads until each student posts. */
export function HiddenUntilPostedBadge(props: { settings: RoomSettingsDto }) {
  if (!props.settings.hideUntilPosted) return null;
  return (
    <span
      className="badge hidden-badge"
      title="Students see the class's threads once they have started one of their own"
    >
      <span aria-hidden="true">◐</span> <span className="hidden-badge-label">Hidden until posted</span>
    </span>
  );
}

/** A small disclosure with the room's switches, closed by Escape or a press outside; each change is saved at once. */
export function RoomSettingsPanel(props: {
  roomId: string;
  settings: RoomSettingsDto;
  onChange: (settings: RoomSettingsDto) => void;
}) {
  const [open, setOpen] = useState(false);
  const [saving, setSaving] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const panelId = useId();
  const root = useRef<HTMLDivElement>(null);
  const button = useRef<HTMLButtonElement>(null);
  const close = useCallback(() => setOpen(false), []);
  useDismiss(open, close, root, button);
  /** Shows the change at once and saves it; a refused change is put back and explained. */
  async function save(change: Partial<RoomSettingsDto>) {
    const before = props.settings;
    props.onChange({ ...before, ...change });
    setSaving(true);
    setProblem(null);
    try {
      const { room } = await api.updateRoomSettings(props.roomId, change);
      props.onChange(room.settings);
    } catch (error) {
      props.onChange(before);
      setProblem(error instanceof Error ? error.message : "The settings could not be saved.");
    } finally {
      setSaving(false);
    }
  }
  return (
    <div ref={root} className="room-settings">
      <button
        ref={button}
        type="button"
        className="button quiet"
        aria-expanded={open}
        aria-controls={panelId}
        onClick={() => setOpen(!open)}
      >
        Room settings
      </button>
      {open && (
        <fieldset id={panelId} className="room-settings-panel" disabled={saving}>
          <legend>Room settings</legend>
          <label>
            <input
              type="checkbox"
              checked={props.settings.hideUntilPosted}
              onChange={(event) => void save({ hideUntilPosted: event.target.checked })}
            />{" "}
            Hide the class&apos;s threads from each student until they start one
          </label>
          <label>
            <input
              type="checkbox"
              checked={props.settings.instructorThreadsVisible}
              disabled={!props.settings.hideUntilPosted}
              onChange={(event) => void save({ instructorThreadsVisible: event.target.checked })}
            />{" "}
            Meanwhile, show them instructors&apos; threads
          </label>
          <p className="sr-only" role="status" aria-live="polite">
            {saving ? "Saving…" : ""}
          </p>
          {problem && <p role="alert">{problem}</p>}
        </fieldset>
      )}
    </div>
  );
}
