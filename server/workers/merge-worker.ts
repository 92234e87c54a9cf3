// Worker thread task: merges a large room's state (see domain/merge-room-state.ts) off the main event loop.
import { Piscina } from "piscina";
import { mergeRoomState } from "../domain/merge-room-state.ts";

export default function merge(parts: Uint8Array[]) {
  // Transferred back rather than copied: a large room's state is many megabytes.
  return Piscina.move(mergeRoomState(parts));
}
