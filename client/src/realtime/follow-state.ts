// Follow-me as a pure state machine: who leads in the room, whether this reader leads (and who follows them),
// follows someone, or stepped out of someone's lead and may rejoin.
import type { FollowersDto, PresencePerson } from "../../../shared/people-protocol.ts";

export interface Leader {
  leaderId: string;
  leaderName: string;
}

export interface FollowState {
  /** The others leading in the room. */
  leaders: Leader[];
  /** This reader leads. */
  leading: boolean;
  /** Who follows this reader, while they lead. */
  followers: FollowersDto["followers"];
  /** Whom this reader follows. */
  following: Leader | null;
  /** The leader this reader stepped out from (Escape, the button, or a dropped connection): offered to rejoin. */
  steppedOut: Leader | null;
  /** Why the last request was refused, for the banner. */
  problem: string | null;
}

export const initialFollowState: FollowState = {
  leaders: [],
  leading: false,
  followers: [],
  following: null,
  steppedOut: null,
  problem: null,
};

export type FollowAction =
  | { type: "presence"; people: readonly PresencePerson[]; selfId: string }
  | { type: "started"; leader: Leader; selfId: string }
  | { type: "ended"; leaderId: string; selfId: string }
  | { type: "followers"; followers: FollowersDto["followers"] }
  | { type: "lead" }
  | { type: "endLead" }
  | { type: "follow"; leader: Leader }
  | { type: "stepOut" }
  | { type: "disconnected" }
  | { type: "refused"; message: string };

const still = (leader: Leader | null, leaders: readonly Leader[]) =>
  leader && leaders.some((candidate) => candidate.leaderId === leader.leaderId) ? leader : null;

/** The next state after `action`. */
export function followReducer(state: FollowState, action: FollowAction): FollowState {
  switch (action.type) {
    case "presence": {
      // No one at all (this reader included) means the room is not joined: nothing is known, nothing changes.
      if (action.people.length === 0) return state;
      const leaders = action.people
        .filter((person) => person.leading && person.userId !== action.selfId)
        .map((person) => ({ leaderId: person.userId, leaderName: person.name }));
      const self = action.people.find((person) => person.userId === action.selfId);
      const leading = self ? self.leading : state.leading;
      return {
        ...state,
        leaders,
        leading,
        followers: leading ? state.followers : [],
        following: still(state.following, leaders),
        steppedOut: still(state.steppedOut, leaders),
      };
    }
    case "started":
      if (action.leader.leaderId === action.selfId) return { ...state, leading: true };
      if (state.leaders.some((leader) => leader.leaderId === action.leader.leaderId)) return state;
      return { ...state, leaders: [...state.leaders, action.leader] };
    case "ended": {
      if (action.leaderId === action.selfId) return { ...state, leading: false, followers: [] };
      const leaders = state.leaders.filter((leader) => leader.leaderId !== action.leaderId);
      return {
        ...state,
        leaders,
        following: still(state.following, leaders),
        steppedOut: still(state.steppedOut, leaders),
      };
    }
    case "followers":
      return { ...state, followers: action.followers };
    case "lead":
      return { ...state, leading: true, following: null, steppedOut: null, problem: null };
    case "endLead":
      return { ...state, leading: false, followers: [], problem: null };
    case "follow":
      return { ...state, following: action.leader, steppedOut: null, problem: null };
    case "stepOut":
      return state.following ? { ...state, following: null, steppedOut: state.following } : state;
    case "disconnected":
      // The server forgets a dropped connection's lead and follow; rejoining is this reader's choice.
      return {
        ...initialFollowState,
        steppedOut: state.following ?? state.steppedOut,
        leaders: state.following ? [state.following] : [],
      };
    case "refused":
      return { ...state, problem: action.message };
  }
}

/** What the follow banner shows: this reader leading, following, offered a leader to follow (or rejoin), or nothing. */
export type FollowBannerState =
  | { kind: "leading"; followers: FollowersDto["followers"] }
  | { kind: "following"; leader: Leader }
  | { kind: "offered"; leader: Leader; rejoin: boolean }
  | { kind: "none" };

export function bannerOf(state: FollowState): FollowBannerState {
  if (state.leading) return { kind: "leading", followers: state.followers };
  if (state.following) return { kind: "following", leader: state.following };
  const offered = state.steppedOut ?? state.leaders[0];
  if (offered) return { kind: "offered", leader: offered, rejoin: state.steppedOut !== null };
  return { kind: "none" };
}
