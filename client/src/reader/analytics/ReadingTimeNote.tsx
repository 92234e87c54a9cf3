// The reader's disclosure that reading time is recorded (Group.recordReadingTime), with the switch for owners and
// the way to one's own numbers for everyone.
import { useState } from "react";
import { request } from "../../api/http.ts";

export function ReadingTimeNote(props: {
  groupId: string;
  recording: boolean;
  /** Owners change the group's settings (PATCH /api/groups/:groupId). */
  canChange: boolean;
  /** The way to the figures: everyone's for instructors and owners, one's own for everyone else. */
  seeFigures: string;
  onShowMine: () => void;
}) {
  const [recording, setRecording] = useState(props.recording);
  const [problem, setProblem] = useState("");
  async function change(record: boolean) {
    try {
      await request(`/api/groups/${props.groupId}`, { method: "PATCH", body: { recordReadingTime: record } });
      setRecording(record);
      setProblem("");
    } catch (error) {
      setProblem((error as Error).message);
    }
  }
  return (
    <p className="reading-time-note hint">
      <span>
        {recording
          ? "Your time on each paragraph is recorded for this group's analytics."
          : "Reading time is not recorded in this group."}
      </span>{" "}
      <button type="button" className="button quiet" onClick={props.onShowMine}>
        {props.seeFigures}
      </button>
      {props.canChange && (
        <>
          {" · "}
          <button type="button" className="button quiet" onClick={() => void change(!recording)}>
            {recording
              ? "Stop recording reading time (group setting)"
              : "Record reading time (group setting)"}
          </button>
        </>
      )}
      {problem && <span role="alert"> {problem}</span>}
    </p>
  );
}
