// The one rule for whether a notification's recipient may still read what it is about, as SQL: the inbox lists,
// counts and records by it, and the e-mail sender sends by it, so the two can never disagree.
import { seenBeforePosting } from "./hide-until-posted.ts";
import { seenInSection } from "./sections.ts";

/**
 * A boolean SQL condition over aliases `t` (the Thread), `c` (the Comment, LEFT JOINed: null for thread events) and
 * `m` (the recipient's Membership in the room's group, LEFT JOINed or not: null once they left). True when the
 * recipient is still a member, the thread is readable to their role (`instructorReaders`: the placeholder of a
 * text[] parameter holding the roles that read instructors' threads), the room does not hide it from them until
 * they post nor keep it in another discussion section (`teacherRoles`: the placeholder of teacherRoles(), see
 * hide-until-posted.ts and sections.ts: the SQL of the one veil, hide-until-posted.ts combineVeil), and neither the thread nor
 * the reply was deleted or hidden, and the room's text was not removed (but for those who teach). Hidden words notify nobody, moderators included: they see them in the reader, not in their
 * inbox.
 */
export const recipientMayRead = (instructorReaders: string, teacherRoles: string): string => `
  (m."userId" IS NOT NULL
   AND (t.visibility <> 'instructors' OR m.role::text = ANY(${instructorReaders}::text[]))
   AND t."deletedAt" IS NULL AND t."hiddenAt" IS NULL
   AND c."deletedAt" IS NULL AND c."hiddenAt" IS NULL
   AND ${seenBeforePosting(teacherRoles)}
   AND ${seenInSection(teacherRoles)}
   AND ${roomNotRemoved(teacherRoles)})`;

/**
 * Over alias `r` (the Room) and `m`: the room's text was not removed, or the recipient teaches (they keep its rooms to
 * export them; learners lose them).
 */
const roomNotRemoved = (teacherRoles: string): string => `
  (m.role::text = ANY(${teacherRoles}::text[])
   OR NOT EXISTS (SELECT 1 FROM "Document" d WHERE d.id = r."documentId" AND d."removedAt" IS NOT NULL))`;
