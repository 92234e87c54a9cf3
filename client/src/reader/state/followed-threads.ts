// The threads of the room the reader follows (a reply in one notifies them), and following or unfollowing one.
import { createContext, useCallback, useEffect, useMemo, useState } from "react";
import { ApiError } from "../../api/http.ts";
import { notificationsApi } from "../../api/notifications.ts";

/** The followed thread ids, and a toggle that saves at once (and says so through `announce` when it fails). */
export interface FollowedThreads {
  followed: ReadonlySet<string>;
  setFollowed: (threadId: string, followed: boolean) => void;
}

/** Outside a reader: nothing followed, and following does nothing. */
export const FollowedThreadsContext = createContext<FollowedThreads>({
  followed: new Set(),
  setFollowed: () => undefined,
});

/** The threads of `roomId` the reader follows, loaded when the reader opens. */
export function useFollowedThreads(roomId: string, announce: (message: string) => void): FollowedThreads {
  const [followed, setSet] = useState<ReadonlySet<string>>(new Set());
  useEffect(() => {
    let current = true;
    notificationsApi.followedThreads(roomId).then(
      ({ threadIds }) => current && setSet(new Set(threadIds)),
      () => undefined, // Shown as not followed; following still works.
    );
    return () => {
      current = false;
    };
  }, [roomId]);
  const setFollowed = useCallback(
    (threadId: string, on: boolean) => {
      const change = (want: boolean) =>
        setSet((set) => {
          const next = new Set(set);
          if (want) next.add(threadId);
          else next.delete(threadId);
          return next;
        });
      change(on);
      notificationsApi.followThread(roomId, threadId, on).then(
        () =>
          announce(
            on ? "Following this thread: replies will notify you." : "No longer following this thread.",
          ),
        (error: unknown) => {
          change(!on);
          announce(
            `Could not ${on ? "follow" : "unfollow"} the thread: ${error instanceof ApiError ? error.message : "something went wrong."}`,
          );
        },
      );
    },
    [roomId, announce],
  );
  return useMemo(() => ({ followed, setFollowed }), [followed, setFollowed]);
}
