// The reader's top bar: back to the library, the text's title, and the connection pill.
import type { ConnectionState } from "../../../../shared/room-client/room-client.ts";
import { ConnectionPill } from "./ConnectionPill.tsx";

/** The bar above the text; `onBack` goes to the library. */
export function ReaderBar(props: { title: string; connection: ConnectionState; onBack: () => void }) {
  return (
    <header className="reader-bar">
      <a
        className="back"
        href="/"
        onClick={(event) => {
          event.preventDefault();
          props.onBack();
        }}
      >
        ← Library
      </a>
      <p className="reader-title">{props.title}</p>
      <ConnectionPill {...props.connection} />
    </header>
  );
}
