// "Upload a new version" from the reader: the upload and its preview (import report and changes since the latest
// version), then, once published, an offer to move this room to it.
import { useState } from "react";
import { ApiError, api, type RoomVersionMove, type UploadResult } from "../../api/http.ts";
import { AddText } from "../../screens/AddText.tsx";
import { BottomSheet } from "../chrome/BottomSheet.tsx";

type Move =
  | { state: "idle" }
  | { state: "moving" }
  | { state: "moved"; move: RoomVersionMove }
  | { state: "failed"; message: string };

const threadsText = (count: number) => `${count} ${count === 1 ? "thread" : "threads"}`;

/** Modal (owners and instructors); `onMoved` hears the room's move once the server has made it. */
export function NewVersionDialog(props: {
  roomId: string;
  documentId: string;
  title: string;
  /** The version the room reads now. */
  roomVersion: number;
  onMoved?: (move: RoomVersionMove) => void;
  onClose: () => void;
}) {
  const [published, setPublished] = useState<UploadResult | null>(null);
  const [move, setMove] = useState<Move>({ state: "idle" });
  const number = published?.version.number;

  async function moveRoom(version: number) {
    setMove({ state: "moving" });
    try {
      const answer = await api.moveRoomToVersion(props.roomId, version);
      setMove({ state: "moved", move: answer });
      props.onMoved?.(answer);
    } catch (caught) {
      setMove({
        state: "failed",
        message: caught instanceof ApiError ? caught.message : "Something went wrong. Try again.",
      });
    }
  }

  return (
    <BottomSheet title="Upload a new version" variant="dialog" onClose={props.onClose}>
      {!published && (
        <AddText
          target={{ documentId: props.documentId }}
          heading={`New version of “${props.title}”`}
          onPublished={setPublished}
        />
      )}
      {published && number !== undefined && (
        <div className="new-version-done">
          <p role="status">
            {published.created
              ? `Version ${number} is published.`
              : `This text is identical to version ${number} — nothing was published.`}
          </p>
          {number !== props.roomVersion && move.state !== "moved" && (
            <>
              <p>
                This room reads version {props.roomVersion}. Moving it carries every thread to version{" "}
                {number}: a thread whose passage is gone is kept and listed as no longer in the text.
              </p>
              <button
                type="button"
                className="button primary"
                disabled={move.state === "moving"}
                onClick={() => void moveRoom(number)}
              >
                {move.state === "moving" ? "Moving…" : `Move this room to version ${number}`}
              </button>
            </>
          )}
          {move.state === "failed" && (
            <p className="error" role="alert">
              {move.message}
            </p>
          )}
          {move.state === "moved" && (
            <p role="status">
              The room now reads version {move.move.room.version}: {threadsText(move.move.threads.unchanged)}{" "}
              unchanged, {move.move.threads.moved} moved, {move.move.threads.detached} no longer in the text.
            </p>
          )}
          <button type="button" className="button quiet" onClick={props.onClose}>
            Done
          </button>
        </div>
      )}
    </BottomSheet>
  );
}
