// The follow-me banner: this reader leading (and who follows), following (and how to step out), or offered a leader.
import type { Follow } from "../../realtime/use-follow.ts";

const namesOf = (people: readonly { name: string }[]) => people.map((person) => person.name).join(", ");

/** A strip at the foot of the window while anyone leads in the room; nothing otherwise. */
export function FollowBanner(props: { follow: Follow }) {
  const { banner, problem } = props.follow;
  if (banner.kind === "none" && !problem) return null;
  return (
    <section className="follow-banner" aria-label="Follow me">
      <p role="status" aria-live="polite">
        {banner.kind === "leading" &&
          (banner.followers.length === 0
            ? "You are leading. Nobody follows yet."
            : `You are leading. ${banner.followers.length} following: ${namesOf(banner.followers)}.`)}
        {banner.kind === "following" && `Following ${banner.leader.leaderName}. Esc steps out.`}
        {banner.kind === "offered" &&
          (banner.rejoin
            ? `You stepped out of ${banner.leader.leaderName}'s lead.`
            : `${banner.leader.leaderName} is leading.`)}
        {problem && <span className="error"> {problem}</span>}
      </p>
      {banner.kind === "leading" && (
        <button type="button" className="button" onClick={props.follow.endLead}>
          End follow me
        </button>
      )}
      {banner.kind === "following" && (
        <button type="button" className="button" onClick={props.follow.stepOut}>
          Stop following
        </button>
      )}
      {banner.kind === "offered" && (
        <button type="button" className="button primary" onClick={() => props.follow.follow(banner.leader)}>
          {banner.rejoin ? "Rejoin" : "Follow"}
        </button>
      )}
    </section>
  );
}
