// Follow-me over the tab's people socket: leading (and who follows), following a leader to their paragraph and
// thread, stepping out and rejoining.
import { useEffect, useEffectEvent, useReducer, useRef } from "react";
import type {
  Ack,
  FollowDto,
  FollowersDto,
  FollowMovedDto,
  PresencePerson,
} from "../../../shared/people-protocol.ts";
import {
  bannerOf,
  followReducer,
  initialFollowState,
  type FollowBannerState,
  type Leader,
} from "./follow-state.ts";
import type { PeopleSocket } from "./people-socket.ts";

/** Where a leader is: a follower's reader goes to `blockId` and opens `threadId`. */
export type GoTo = (place: { blockId: string | null; threadId: string | null }) => void;

export interface Follow {
  banner: FollowBannerState;
  /** True while this reader follows someone (Escape then steps out instead of closing). */
  following: boolean;
  problem: string | null;
  lead(): void;
  endLead(): void;
  follow(leader: Leader): void;
  stepOut(): void;
}

/**
 * Follow-me in `roomId` for `selfId`, kept in step with the room's `people`; `goTo` is called with the leader's place
 * when following starts and whenever the leader moves.
 */
export function useFollow(
  socket: PeopleSocket | null,
  roomId: string,
  selfId: string,
  people: readonly PresencePerson[],
  goTo: GoTo,
): Follow {
  const [state, dispatch] = useReducer(followReducer, initialFollowState);
  useEffect(() => dispatch({ type: "presence", people, selfId }), [people, selfId]);

  /** The leader asked to follow, until the server answers: it sends their place (follow.moved) just before. */
  const joining = useRef<string | null>(null);
  const onMoved = useEffectEvent((leaderId: string, place: Parameters<GoTo>[0]) => {
    if (state.following?.leaderId === leaderId || joining.current === leaderId) goTo(place);
  });
  useEffect(() => {
    if (!socket) return;
    const onStarted = (dto: FollowDto) => {
      if (dto.roomId === roomId) dispatch({ type: "started", leader: dto, selfId });
    };
    const onEnded = (dto: FollowDto) => {
      if (dto.roomId === roomId) dispatch({ type: "ended", leaderId: dto.leaderId, selfId });
    };
    const onMove = (dto: FollowMovedDto) => {
      if (dto.roomId === roomId) onMoved(dto.leaderId, { blockId: dto.blockId, threadId: dto.threadId });
    };
    const onFollowers = (dto: FollowersDto) => {
      if (dto.roomId === roomId) dispatch({ type: "followers", followers: dto.followers });
    };
    const onDisconnect = () => dispatch({ type: "disconnected" });
    socket.on("follow.started", onStarted);
    socket.on("follow.ended", onEnded);
    socket.on("follow.moved", onMove);
    socket.on("follow.followers", onFollowers);
    socket.on("disconnect", onDisconnect);
    return () => {
      socket.off("follow.started", onStarted);
      socket.off("follow.ended", onEnded);
      socket.off("follow.moved", onMove);
      socket.off("follow.followers", onFollowers);
      socket.off("disconnect", onDisconnect);
    };
  }, [socket, roomId, selfId]);

  /** The socket when connected; otherwise null, and the banner says why nothing happened. */
  const connected = () => {
    if (socket?.connected) return socket;
    dispatch({ type: "refused", message: "Not connected: follow-me works once the connection is back." });
    return null;
  };
  /** An acknowledgement that runs `done`, or says the server's refusal in the banner. */
  const answer = (done: () => void) => (result: Ack) =>
    result.ok ? done() : dispatch({ type: "refused", message: result.error.message });

  return {
    banner: bannerOf(state),
    following: state.following !== null,
    problem: state.problem,
    lead: () =>
      connected()?.emit(
        "follow.start",
        { roomId },
        answer(() => dispatch({ type: "lead" })),
      ),
    endLead: () =>
      connected()?.emit(
        "follow.end",
        { roomId },
        answer(() => dispatch({ type: "endLead" })),
      ),
    follow: (leader) => {
      const live = connected();
      if (!live) return;
      joining.current = leader.leaderId;
      const settle = answer(() => dispatch({ type: "follow", leader }));
      live.emit("follow.join", { roomId, leaderId: leader.leaderId }, (result) => {
        joining.current = null;
        settle(result);
      });
    },
    stepOut: () => {
      dispatch({ type: "stepOut" });
      if (socket?.connected) socket.emit("follow.leave", { roomId });
    },
  };
}
