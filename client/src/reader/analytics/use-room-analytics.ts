// Loads the room's analytics when asked for, and again on demand (the figures move while people read).
import { useCallback, useEffect, useState } from "react";
import { request } from "../../api/http.ts";
import type { RoomAnalytics } from "../../../../shared/schemas/analytics.ts";

export type AnalyticsState =
  | { state: "idle" }
  | { state: "loading"; analytics?: RoomAnalytics }
  | { state: "ready"; analytics: RoomAnalytics }
  | { state: "failed"; message: string };

/** The room's analytics while `wanted`; `reload` asks again. */
export function useRoomAnalytics(roomId: string, wanted: boolean) {
  const [result, setResult] = useState<AnalyticsState>({ state: "idle" });
  const [asked, setAsked] = useState(0);
  useEffect(() => {
    if (!wanted) return;
    let current = true;
    setResult((previous) => ({
      state: "loading",
      ...(previous.state === "ready" ? { analytics: previous.analytics } : {}),
    }));
    request<{ analytics: RoomAnalytics }>(`/api/rooms/${roomId}/analytics`).then(
      ({ analytics }) => current && setResult({ state: "ready", analytics }),
      (error: Error) => current && setResult({ state: "failed", message: error.message }),
    );
    return () => {
      current = false;
    };
  }, [roomId, wanted, asked]);
  const reload = useCallback(() => setAsked((count) => count + 1), []);
  return { ...result, reload };
}
