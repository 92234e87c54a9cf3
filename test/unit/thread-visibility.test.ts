// The visibility rule as tables: which role reads which thread's or reply's words, by state, and which threads it lists.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { can } from "../../server/domain/policies.ts";
import { contentState, isListed, readableVisibilities } from "../../server/domain/visibility.ts";
import { presentComment, presentThread } from "../../server/presenters/thread.ts";
import { roles, type Role } from "../../shared/schemas/groups.ts";

type State = "live" | "edited" | "hidden" | "deleted" | "hidden and deleted";
const states: State[] = ["live", "edited", "hidden", "deleted", "hidden and deleted"];

const createdAt = new Date("2026-03-01T10:00:00.000Z");
const updatedAt = new Date("2026-03-02T11:30:00.000Z");
const editedAt = new Date("2026-03-03T12:45:00.000Z");
const hiddenAt = new Date("2026-03-04T09:15:00.000Z");
const deletedAt = new Date("2026-03-05T08:00:00.000Z");

/** Whether `role` is a moderator, as the read API decides it (listThreads): whoever reads instructors' notes. */
const moderates = (role: Role) => can({ userId: "reader", role }, "room.readInstructorNotes");

/** The stored words and state of a thread or reply. Rows keep hidden words (unhiding restores them). */
function stateOf(state: State, body: string, reason: string | null = "Unkind") {
  const hidden = state === "hidden" || state === "hidden and deleted";
  const deleted = state === "deleted" || state === "hidden and deleted";
  return {
    body: deleted ? "" : body,
    editedAt: state === "edited" ? editedAt : null,
    hiddenAt: hidden ? hiddenAt : null,
    hiddenReason: hidden ? reason : null,
    deletedAt: deleted ? deletedAt : null,
  };
}

function commentRow(state: State, overrides: { id?: string; threadId?: string; body?: string } = {}) {
  const { editedAt: edited, ...rest } = stateOf(state, overrides.body ?? "A reply.");
  return {
    id: overrides.id ?? "comment-1",
    threadId: overrides.threadId ?? "thread-1",
    parentId: null,
    author: { id: "user-author", displayName: "Ada Author" },
    createdAt,
    editedAt: edited,
    ...rest,
  };
}

function threadRow(state: State, reason: string | null = "Unkind") {
  const { editedAt: _edited, ...rest } = stateOf(state, "A thought.", reason);
  return {
    id: "thread-1",
    blockId: "block-7",
    anchor: { blockId: "block-7", start: 2, end: 9, exact: "thought" },
    visibility: "group",
    author: { id: "user-author", displayName: "Ada Author" },
    tags: ["question"],
    status: "open",
    createdAt,
    updatedAt,
    _count: { comments: 3 },
    ...rest,
  };
}

/** The words `role` reads of an item in `state`: nobody reads deleted words, only moderators read hidden ones. */
function expectedWords(role: Role, state: State, words: string): string {
  if (state === "deleted" || state === "hidden and deleted") return "";
  if (state === "hidden" && !moderates(role)) return "";
  return words;
}

const table = roles.flatMap((role) => states.map((state) => ({ role, state })));

describe("the visibility rule: who reads a thread's or reply's words", () => {
  it.each(table)("$role reading a $state thread", ({ role, state }) => {
    const shown = presentThread(threadRow(state), moderates(role));
    expect(shown.body).toBe(expectedWords(role, state, "A thought."));
  });

  it.each(table)("$role reading a $state reply", ({ role, state }) => {
    const shown = presentComment(commentRow(state), moderates(role));
    expect(shown.body).toBe(expectedWords(role, state, "A reply."));
  });

  it("only owners and instructors read hidden words", () => {
    expect(roles.filter(moderates).sort()).toEqual(["instructor", "owner"]);
  });

  it("everyone sees that an item is hidden and why, and that it is deleted, whatever their role", () => {
    for (const { role, state } of table) {
      const expected = {
        deleted: state === "deleted" || state === "hidden and deleted",
        hidden: state === "hidden" || state === "hidden and deleted" ? { reason: "Unkind" } : null,
      };
      const label = `${role}, ${state}`;
      expect({ label, ...pick(presentThread(threadRow(state), moderates(role))) }).toEqual({
        label,
        ...expected,
      });
      expect({ label, ...pick(presentComment(commentRow(state), moderates(role))) }).toEqual({
        label,
        ...expected,
      });
    }
  });

  it("a hidden item with no recorded reason shows an empty reason", () => {
    expect(presentThread(threadRow("hidden", null), false).hidden).toEqual({ reason: "" });
    const reply = { ...commentRow("hidden"), hiddenReason: null };
    expect(presentComment(reply, true).hidden).toEqual({ reason: "" });
  });

  it("whatever the words, a moderator reads a hidden item's words and nobody reads a deleted item's", () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1 }), fc.constantFrom(...roles), (words, role) => {
        const hidden = commentRow("hidden", { body: words });
        expect(presentComment(hidden, moderates(role)).body).toBe(moderates(role) ? words : "");
        // A deleted row whose words were somehow kept still shows none.
        const deleted = { ...commentRow("deleted"), body: words };
        expect(presentComment(deleted, moderates(role)).body).toBe("");
      }),
    );
  });
});

function pick(shown: { deleted: boolean; hidden: { reason: string } | null }) {
  return { deleted: shown.deleted, hidden: shown.hidden };
}

describe("what the read API says of a thread and a reply besides its words", () => {
  it("a thread carries its place, visibility, author's name and role, tags, status, dates, pin, anchor status and reply count", () => {
    const roles = new Map([["user-author", "instructor" as const]]);
    expect(presentThread(threadRow("live"), false, undefined, roles)).toEqual({
      id: "thread-1",
      blockId: "block-7",
      anchor: { blockId: "block-7", start: 2, end: 9, exact: "thought" },
      visibility: "group",
      author: { id: "user-author", name: "Ada Author", imported: false, role: "instructor" },
      body: "A thought.",
      tags: ["question"],
      status: "open",
      createdAt: "2026-03-01T10:00:00.000Z",
      updatedAt: "2026-03-02T11:30:00.000Z",
      deleted: false,
      hidden: null,
      announcement: false,
      pinnedAt: null,
      anchorStatus: "unchanged",
      anchorChange: null,
      version: null,
      late: false,
      commentCount: 3,
    });
    // After a version move: where the anchor stands, how it changed, and the version it was written on.
    const anchorChange = { fromVersion: 1, toVersion: 2, previous: { blockId: "block-3" } };
    expect(
      presentThread(
        { ...threadRow("live"), anchorStatus: "detached", anchorChange, versionNumber: 1 },
        false,
      ),
    ).toMatchObject({ anchorStatus: "detached", anchorChange, version: 1 });
    const pinnedAt = new Date("2026-03-04T08:00:00.000Z");
    expect(presentThread({ ...threadRow("live"), pinnedAt }, false).pinnedAt).toBe(
      "2026-03-04T08:00:00.000Z",
    );
    // Someone no longer in the group has no role; an imported author never has one.
    expect(presentThread(threadRow("live"), false).author.role).toBeNull();
    expect(
      presentThread({ ...threadRow("live"), importedAuthorName: "Hannah" }, false, undefined, roles).author
        .role,
    ).toBeNull();
  });

  it("a reply carries its thread, parent, author's name and dates; editedAt is null until it is edited", () => {
    const expected = {
      id: "comment-1",
      threadId: "thread-1",
      parentId: null,
      author: { id: "user-author", name: "Ada Author", imported: false },
      body: "A reply.",
      createdAt: "2026-03-01T10:00:00.000Z",
      editedAt: null,
      deleted: false,
      hidden: null,
      late: false,
    };
    expect(presentComment(commentRow("live"), false)).toEqual(expected);
    expect(presentComment(commentRow("edited"), false)).toEqual({
      ...expected,
      editedAt: "2026-03-03T12:45:00.000Z",
    });
  });

  it("imported words say so: the author is shown as 'imported: <name>' and marked imported, thread or reply", () => {
    const thread = presentThread({ ...threadRow("live"), importedAuthorName: "Hannah" }, false);
    expect(thread.author).toMatchObject({ name: "imported: Hannah", imported: true });
    const reply = presentComment({ ...commentRow("live"), importedAuthorName: "Hannah" }, false);
    expect(reply.author).toMatchObject({ name: "imported: Hannah", imported: true });
    expect(presentThread({ ...threadRow("live"), importedAuthorName: null }, false).author.imported).toBe(
      false,
    );
  });

  it("a thread lists its own replies, in order, only when replies are asked for, and none as an empty list", () => {
    const first = commentRow("live", { id: "c-1", body: "First." });
    const second = commentRow("hidden", { id: "c-2", body: "Second." });
    const elsewhere = commentRow("live", { id: "c-3", threadId: "thread-2", body: "Elsewhere." });
    const replies = new Map([
      ["thread-1", [first, second]],
      ["thread-2", [elsewhere]],
    ]);
    expect(presentThread(threadRow("live"), false)).not.toHaveProperty("comments");
    expect(presentThread(threadRow("live"), false, replies).comments).toEqual([
      presentComment(first, false),
      presentComment(second, false),
    ]);
    // Replies follow the reader's role too: a moderator reads the hidden one.
    expect(presentThread(threadRow("live"), true, replies).comments?.map((reply) => reply.body)).toEqual([
      "First.",
      "Second.",
    ]);
    expect(presentThread(threadRow("live"), false, new Map()).comments).toEqual([]);
  });
});

describe("the visibility rule: which threads a reader lists", () => {
  it.each([
    { role: "owner", reads: ["group", "instructors"] },
    { role: "instructor", reads: ["group", "instructors"] },
    { role: "member", reads: ["group"] },
    { role: "observer", reads: ["group"] },
  ] as const)("$role reads the threads of visibility $reads", ({ role, reads }) => {
    expect(readableVisibilities(moderates(role))).toEqual(reads);
  });

  it("a deleted thread stays listed only while replies hang from it; a live one always", () => {
    expect(isListed({ deletedAt: null }, 0)).toBe(true);
    expect(isListed({ deletedAt: null }, 2)).toBe(true);
    expect(isListed({ deletedAt }, 1)).toBe(true);
    expect(isListed({ deletedAt }, 0)).toBe(false);
  });

  it.each([
    { state: "live", is: "visible" },
    { state: "edited", is: "visible" },
    { state: "hidden", is: "hidden" },
    { state: "deleted", is: "deleted" },
    // Deleting outranks hiding: the author took the words back.
    { state: "hidden and deleted", is: "deleted" },
  ] as const)("a $state item is $is", ({ state, is }) => {
    expect(contentState(stateOf(state, "Words."))).toBe(is);
  });
});
