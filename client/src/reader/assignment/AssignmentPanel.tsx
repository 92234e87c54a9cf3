// Above the text: the "Archived" banner, what is due and when (with the reader's extension), the instructions, and
// for owners and instructors the form that sets them.
import { useState } from "react";
import { Markdown } from "../../components/Markdown.tsx";
import type { RoomStateDto } from "../../../../shared/schemas/assignments.ts";
import { AssignmentForm } from "./AssignmentForm.tsx";
import { describeTime } from "./zoned-time.ts";

export interface AssignmentPanelProps {
  roomId: string;
  state: RoomStateDto | null;
  /** The reader sets assignments, extensions and archives (owners and instructors). */
  manage: boolean;
  onChanged: () => void;
}

export function AssignmentPanel({ roomId, state, manage, onChanged }: AssignmentPanelProps) {
  const [editing, setEditing] = useState(false);
  if (!state) return null;
  const { assignment } = state;
  return (
    <section className="assignment-panel" aria-label="Assignment">
      {state.archived && (
        <p className="archived-banner" role="status">
          <strong>Archived.</strong> This room can be read and exported; nothing in it can be changed.
        </p>
      )}
      {assignment && (
        <div className="assignment-summary">
          <p>
            <strong>Due</strong> {describeTime(assignment.dueAt, assignment.timeZone)}
            {assignment.opensAt && (
              <span className="muted"> · opens {describeTime(assignment.opensAt, assignment.timeZone)}</span>
            )}
          </p>
          {assignment.myExtension && (
            <p>
              <strong>Your extension:</strong> due {describeTime(assignment.myExtension, assignment.timeZone)}
            </p>
          )}
          {assignment.instructions && (
            <details>
              <summary>Instructions</summary>
              <Markdown source={assignment.instructions} />
            </details>
          )}
        </div>
      )}
      {manage && (
        <button
          type="button"
          className="button quiet"
          aria-expanded={editing}
          onClick={() => setEditing(!editing)}
        >
          {assignment ? "Edit assignment" : "Set an assignment"}
        </button>
      )}
      {manage && editing && (
        <AssignmentForm
          roomId={roomId}
          state={state}
          onChanged={onChanged}
          onClose={() => setEditing(false)}
        />
      )}
    </section>
  );
}
