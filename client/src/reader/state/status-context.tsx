// The room's status for the discussion: the connection (a change "sending", or "waiting" for the network) and the
// changes not saved, provided once at the top of the reader rather than passed through every card.
import { createContext, type ReactNode } from "react";
import type { ConnectionState } from "../../../../shared/room-client/room-client.ts";
import { UnsavedChangesContext, type UnsavedChanges } from "./unsaved-changes.ts";

export const ConnectionContext = createContext<ConnectionState>({
  status: "live",
  pending: 0,
  network: true,
  signedOut: false,
});

/** `children` with `connection` and `unsaved` provided (a function, so the reader's tree keeps its indentation). */
export function provideStatus(connection: ConnectionState, unsaved: UnsavedChanges, children: ReactNode) {
  return (
    <ConnectionContext.Provider value={connection}>
      <UnsavedChangesContext.Provider value={unsaved}>{children}</UnsavedChangesContext.Provider>
    </ConnectionContext.Provider>
  );
}
