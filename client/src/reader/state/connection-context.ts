// The room's connection state for the parts of the discussion that word themselves by it (a change "sending" or
// "waiting" for the network), without passing it through every card.
import { createContext } from "react";
import type { ConnectionState } from "../../../../shared/room-client/room-client.ts";

export const ConnectionContext = createContext<ConnectionState>({
  status: "live",
  pending: 0,
  network: true,
  signedOut: false,
});
