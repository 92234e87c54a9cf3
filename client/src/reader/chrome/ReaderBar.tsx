// The reader's top bar: back to the library, the text's title, who is here, what needs attention, and the
// connection pill.
import type { ReactNode } from "react";
import type { ConnectionState } from "../../../../shared/room-client/room-client.ts";
import { ConnectionPill } from "./ConnectionPill.tsx";

/**
 * The bar above the text; `onBack` goes to the library; `people` (who is here, follow me) follow the title;
 * `children` (changes not saved, export) sit after them. The notifications bell belongs just before the pill.
 */
export function ReaderBar(props: {
  title: string;
  connection: ConnectionState;
  onBack: () => void;
  people?: ReactNode;
  children?: ReactNode;
}) {
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
        ← <span className="back-label">Library</span>
      </a>
      <p className="reader-title">{props.title}</p>
      {props.people}
      {props.children}
      <ConnectionPill {...props.connection} />
    </header>
  );
}
