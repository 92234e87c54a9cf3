// Owners' and instructors' form for a room's assignment: instructions, opening and due date (local date-times in
// the group's time zone, as datetime-local inputs give them), extensions, the participation snapshot and archiving.
import { useContext, useState, type FormEvent } from "react";
import { api, ApiError } from "../../api/http.ts";
import { MembersContext } from "../../components/mentions/members.ts";
import { limits } from "../../../../shared/limits.ts";
import type { RoomStateDto } from "../../../../shared/schemas/assignments.ts";

export interface AssignmentFormProps {
  roomId: string;
  state: RoomStateDto;
  onChanged: () => void;
  onClose: () => void;
}

export function AssignmentForm({ roomId, state, onChanged, onClose }: AssignmentFormProps) {
  const { assignment } = state;
  const { members } = useContext(MembersContext);
  const [instructions, setInstructions] = useState(assignment?.instructions ?? "");
  const [opensAt, setOpensAt] = useState(assignment?.opensAt?.local ?? "");
  const [dueAt, setDueAt] = useState(assignment?.dueAt.local ?? "");
  const [extensionFor, setExtensionFor] = useState("");
  const [extensionDue, setExtensionDue] = useState("");
  const [message, setMessage] = useState<string | null>(null);
  const [snapshotUrl, setSnapshotUrl] = useState<string | null>(null);

  /** Runs a change, then reloads the room's state; a refusal is said in the form. */
  async function run(change: () => Promise<unknown>, done: string) {
    try {
      await change();
      setMessage(done);
      onChanged();
    } catch (error) {
      setMessage(error instanceof ApiError ? error.message : "That did not work; try again.");
    }
  }

  function save(event: FormEvent) {
    event.preventDefault();
    void run(
      () =>
        api.updateRoomSettings(roomId, {
          assignment: { instructions, opensAt: opensAt || null, dueAt },
        }),
      "Assignment saved.",
    );
  }

  return (
    <div className="assignment-form">
      <form onSubmit={save} aria-label="Assignment">
        <label>
          Instructions (Markdown)
          <textarea
            value={instructions}
            maxLength={limits.assignmentInstructionsMax}
            rows={4}
            onChange={(event) => setInstructions(event.target.value)}
          />
        </label>
        <LocalTimeField label={`Opens (${state.timeZone})`} value={opensAt} onChange={setOpensAt} />
        <LocalTimeField label={`Due (${state.timeZone})`} value={dueAt} onChange={setDueAt} required />
        <div className="actions">
          <button type="submit" className="button">
            Save assignment
          </button>
          {assignment && (
            <button
              type="button"
              className="button quiet"
              onClick={() =>
                void run(() => api.updateRoomSettings(roomId, { assignment: null }), "Assignment removed.")
              }
            >
              Remove assignment
            </button>
          )}
          <button type="button" className="button quiet" onClick={onClose}>
            Close
          </button>
        </div>
      </form>
      {assignment && (
        <form
          aria-label="Extensions"
          onSubmit={(event) => {
            event.preventDefault();
            void run(() => api.grantExtension(roomId, extensionFor, extensionDue), "Extension granted.");
          }}
        >
          <h4>Extensions</h4>
          <ul>
            {(assignment.extensions ?? []).map((extension) => (
              <li key={extension.userId}>
                {extension.displayName}: due {extension.dueAt.local.replace("T", " ")}{" "}
                <button
                  type="button"
                  className="button quiet"
                  onClick={() =>
                    void run(() => api.revokeExtension(roomId, extension.userId), "Extension taken back.")
                  }
                >
                  Remove
                </button>
              </li>
            ))}
          </ul>
          <label>
            Member
            <select required value={extensionFor} onChange={(event) => setExtensionFor(event.target.value)}>
              <option value="">Choose…</option>
              {members.map((member) => (
                <option key={member.userId} value={member.userId}>
                  {member.displayName}
                </option>
              ))}
            </select>
          </label>
          <LocalTimeField
            label={`Extended due date (${state.timeZone})`}
            value={extensionDue}
            onChange={setExtensionDue}
            required
          />
          <button type="submit" className="button">
            Grant extension
          </button>
        </form>
      )}
      <div className="actions">
        <button
          type="button"
          className="button quiet"
          onClick={() =>
            void run(async () => {
              const { snapshot } = await api.takeSnapshot(roomId);
              setSnapshotUrl(`/api/rooms/${roomId}/assignment/snapshots/${snapshot.id}?format=csv`);
            }, "Participation snapshot taken.")
          }
        >
          Take participation snapshot
        </button>
        {snapshotUrl && (
          <a className="button quiet" href={snapshotUrl} download>
            Download snapshot (CSV)
          </a>
        )}
        <button
          type="button"
          className="button quiet"
          onClick={() =>
            void run(
              () => api.updateRoomSettings(roomId, { archived: !state.archived }),
              state.archived ? "Room reopened." : "Room archived.",
            )
          }
        >
          {state.archived ? "Unarchive room" : "Archive room"}
        </button>
      </div>
      {message && (
        <p className="muted" role="status">
          {message}
        </p>
      )}
    </div>
  );
}

/** A local date-time input ("2027-03-28T09:00", the format the API takes) with its label. */
function LocalTimeField(props: {
  label: string;
  value: string;
  onChange: (value: string) => void;
  required?: boolean;
}) {
  return (
    <label>
      {props.label}
      <input
        type="datetime-local"
        required={props.required}
        value={props.value}
        onChange={(event) => props.onChange(event.target.value)}
      />
    </label>
  );
}
