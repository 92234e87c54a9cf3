// Hide until you post: whose words a reader sees in a room that hides the class's threads until they start one.
import { can, rolesAllowed, type Actor } from "./policies.ts";

/** A room's switches (Room.hideUntilPosted, Room.instructorThreadsVisible). */
export interface HideSettings {
  hideUntilPosted: boolean;
  instructorThreadsVisible: boolean;
}

/**
 * What a veiled reader may see: only threads, replies and reactions by these people (themselves, and the room's
 * instructors and owners where their threads stay visible). A reader who is not veiled sees the room whole.
 */
export interface Veil {
  authorIds: string[];
  /**
   * Whether hide-until-posted is part of it (the room holds back the class until the reader posts) rather than only
   * their discussion section (domain/sections.ts): an export is refused whole under the first, filtered under the
   * second, and the reader is told why.
   */
  untilPosted: boolean;
}

/** The roles whose threads count as "instructors' threads": the ones who see everything while others are veiled. */
export function teacherRoles() {
  return rolesAllowed("room.readBeforePosting");
}

/** Whether `actor` must not see others' threads yet: the room hides them, and they have started none there. */
export function isVeiled(actor: Actor, settings: HideSettings, hasPosted: boolean): boolean {
  return settings.hideUntilPosted && !hasPosted && !can(actor, "room.readBeforePosting");
}

/** The veil of a veiled reader, given the room's instructors and owners (`teacherIds`). */
export function veilFor(actor: Actor, settings: HideSettings, teacherIds: readonly string[]): Veil {
  return {
    authorIds: [actor.userId, ...(settings.instructorThreadsVisible ? teacherIds : [])],
    untilPosted: true,
  };
}

/**
 * The one veil a reader reads a room through: hide-until-posted's (`untilPosted`) and their discussion section's
 * (`sectionAuthorIds`, from sectionAuthors() in domain/sections.ts) together — only the people both let through.
 * Undefined when neither narrows anything. Every read path (sync, REST, counts, search, exports, notifications,
 * presence) takes the veil from here, so the two rules can never disagree about what a reader sees.
 */
export function combineVeil(
  untilPosted: Veil | undefined,
  sectionAuthorIds: readonly string[] | undefined,
): Veil | undefined {
  if (!sectionAuthorIds) return untilPosted;
  if (!untilPosted) return { authorIds: [...sectionAuthorIds], untilPosted: false };
  return {
    authorIds: untilPosted.authorIds.filter((authorId) => sectionAuthorIds.includes(authorId)),
    untilPosted: true,
  };
}

/** Whether words by `authorId` show through `veil` (always, without one). */
export function seenThrough(veil: Veil | undefined, authorId: string): boolean {
  return !veil || veil.authorIds.includes(authorId);
}
