// The room's archive mark and assignment for the reader, fetched on opening and again after the reader changes them.
import { useCallback, useEffect, useState } from "react";
import { api } from "../../api/http.ts";
import type { RoomStateDto } from "../../../../shared/schemas/assignments.ts";

/** `state` is null until the first answer (and stays null offline: the reader then assumes an open room). */
export function useRoomState(roomId: string) {
  const [state, setState] = useState<RoomStateDto | null>(null);
  const reload = useCallback(
    () =>
      api.roomState(roomId).then(
        (answer) => setState(answer),
        () => undefined,
      ),
    [roomId],
  );
  useEffect(() => {
    void reload();
  }, [reload]);
  return { state, reload };
}
