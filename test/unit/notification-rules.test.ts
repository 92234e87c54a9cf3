// The pure rules behind notifications, over arbitrary inputs: who an event may notify and with which kind, which
// mentions an edit adds (and which it refuses), and excerpts that never cut a mention in half.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { mentionToken } from "../../shared/mentions.ts";
import type { Role } from "../../shared/schemas/groups.ts";
import { excerptOf, notificationTargets } from "../../server/domain/notifications/events.ts";
import { addedMentions, type Mentionable } from "../../server/domain/notifications/mentions.ts";

/** A few people, so that arbitrary events often name the same person in several roles. */
const people = ["a", "b", "c", "d", "e"].map((letter) => `${letter.repeat(8)}-0000-4000-8000-000000000000`);
const person = fc.constantFrom(...people);
const someone = fc.subarray(people);

describe("notificationTargets", () => {
  it("a reply: each person once, never the actor, mention over reply, followers asked, the room not", () => {
    fc.assert(
      fc.property(
        person,
        someone,
        person,
        fc.option(person),
        (actorId, mentions, threadAuthorId, parentAuthorId) => {
          const targets = notificationTargets({
            type: "comment.created",
            threadId: "t",
            commentId: "c",
            actorId,
            body: "",
            mentions,
            threadAuthorId,
            parentAuthorId,
          });
          const kinds = new Map(targets.direct.map(({ userId, kind }) => [userId, kind]));
          expect(kinds.size).toBe(targets.direct.length);
          expect(kinds.has(actorId)).toBe(false);
          const expected = new Map<string, string>();
          for (const userId of [threadAuthorId, parentAuthorId]) if (userId) expected.set(userId, "reply");
          for (const userId of mentions) expected.set(userId, "mention");
          expected.delete(actorId);
          expect(kinds).toEqual(expected);
          expect(targets).toMatchObject({ room: false, followers: true });
        },
      ),
    );
  });

  it("a new thread notifies its mentions, and the room only when it is an announcement", () => {
    fc.assert(
      fc.property(person, someone, fc.boolean(), (actorId, mentions, announcement) => {
        const targets = notificationTargets({
          type: "thread.created",
          threadId: "t",
          actorId,
          body: "",
          mentions,
          announcement,
        });
        expect(targets.direct).toEqual(
          mentions.filter((id) => id !== actorId).map((userId) => ({ userId, kind: "mention" })),
        );
        expect(targets).toMatchObject({ room: announcement, followers: false });
      }),
    );
  });

  it("resolving tells the thread's author, unless the author did it", () => {
    fc.assert(
      fc.property(
        person,
        person,
        fc.constantFrom("thread.resolved", "thread.reopened"),
        (actorId, author, type) => {
          const targets = notificationTargets({
            type,
            threadId: "t",
            actorId,
            body: "",
            threadAuthorId: author,
          });
          const kind = type === "thread.resolved" ? "resolved" : "reopened";
          expect(targets.direct).toEqual(actorId === author ? [] : [{ userId: author, kind }]);
        },
      ),
    );
  });
});

describe("addedMentions", () => {
  const members = new Map<string, Mentionable>(
    people.map((id, index) => [id, { displayName: `Person ${index}`, role: "member" as Role }]),
  );
  const body = (ids: string[]) => ids.map((id) => `hi ${mentionToken(id)}`).join(", ");

  it("returns the people the new body mentions and the old did not, in the new body's order", () => {
    fc.assert(
      fc.property(someone, someone, (before, after) => {
        const added = addedMentions(body(after), body(before), members, "group");
        expect(added).toEqual(after.filter((id) => !before.includes(id)));
      }),
    );
  });

  it("refuses any added mention of a member on an instructors' thread, naming them, but not one kept", () => {
    fc.assert(
      fc.property(someone, someone, (before, after) => {
        const added = after.filter((id) => !before.includes(id));
        const run = () => addedMentions(body(after), body(before), members, "instructors");
        if (added.length === 0) expect(run()).toEqual([]);
        else {
          const name = members.get(added[0]!)!.displayName;
          expect(run).toThrow(`${name} cannot see this instructor-only thread; remove the mention.`);
        }
      }),
    );
  });
});

describe("excerptOf", () => {
  it("is the start of the body, at most 300 units, and never ends inside a mention", () => {
    const part = fc.oneof(fc.string({ maxLength: 40 }), person.map(mentionToken));
    fc.assert(
      fc.property(fc.array(part, { maxLength: 40 }), (parts) => {
        const words = parts.join("");
        const excerpt = excerptOf(words);
        expect(words.startsWith(excerpt)).toBe(true);
        expect(excerpt.length).toBeLessThanOrEqual(300);
        for (const match of words.matchAll(/<@[0-9a-f-]{36}>/g)) {
          const end = match.index + match[0].length;
          // Each mention is wholly inside the excerpt or wholly after it.
          expect(end <= excerpt.length || match.index >= excerpt.length).toBe(true);
        }
      }),
    );
  });
});
