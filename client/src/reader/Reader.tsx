// The reader screen: loads a room's text (or says why it cannot), then shows the reader.
import { useEffect, useState } from "react";
import type { Navigate } from "../routes.ts";
import type { SessionUser } from "../session.ts";
import { loadText, type LoadedText } from "./load-text.ts";
import { ReaderView } from "./ReaderView.tsx";

interface ReaderProps {
  groupId: string;
  roomId: string;
  /** The thread the address names, opened once the room is loaded. */
  threadId: string | null;
  user: SessionUser;
  navigate: Navigate;
}

/** The reader of room `roomId` of group `groupId`. */
export function Reader(props: ReaderProps) {
  const [text, setText] = useState<LoadedText | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  useEffect(() => {
    loadText(props.groupId, props.roomId).then(setText, (error: Error) => setLoadError(error.message));
  }, [props.groupId, props.roomId]);
  useEffect(() => {
    if (text) document.title = `${text.room.document.title} · Scholia`;
  }, [text]);

  if (loadError) {
    return (
      <main className="page narrow-page" id="main">
        <h1>Cannot open this text</h1>
        <p role="alert">{loadError}</p>
        <a href="/" onClick={(event) => (event.preventDefault(), props.navigate("/"))}>
          Back to the library
        </a>
      </main>
    );
  }
  if (!text) {
    return (
      <main className="page narrow-page" id="main" aria-busy="true">
        <p className="muted">Opening the text…</p>
      </main>
    );
  }
  // The same view for a new version of the text (the room moved while it was open): it swaps the text in place.
  return <ReaderView {...props} text={text} onText={setText} />;
}
