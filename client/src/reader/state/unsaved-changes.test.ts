// Changes not saved, in words: what each was, what discarding takes along, what a dependent waits on, its thread.
import { describe, expect, it } from "vitest";
import * as mutations from "../../../../shared/room-client/mutations.ts";
import { buildFailure } from "../test-factories.ts";
import {
  describeChange,
  discardQuestion,
  failureExplanation,
  notSaved,
  summarizeChanges,
  threadOfChange,
  typedText,
} from "./unsaved-changes.ts";

const newThread = () =>
  mutations.createThread({ anchor: { blockId: "b1" }, body: "A new thought", tags: [], visibility: "group" });

describe("describing changes", () => {
  it("names every kind of mutation as the end of a sentence", () => {
    const cases: [mutations.MutationDraft, string][] = [
      [newThread(), "your new thread"],
      [mutations.reply("t", "R", null), "your reply"],
      [mutations.editThread("t", { body: "B" }), "your edit of the thread"],
      [mutations.editThread("t", { tags: ["x"] }), "your change of tags"],
      [mutations.editComment("c", "B"), "your edit of the reply"],
      [mutations.deleteThread("t"), "deleting the thread"],
      [mutations.deleteComment("c"), "deleting the reply"],
      [mutations.setResolved("t", true), "resolving the thread"],
      [mutations.setResolved("t", false), "reopening the thread"],
      [mutations.hide("thread", "t", "Off topic"), "hiding the thread"],
      [mutations.hide("comment", "c", null), "unhiding the reply"],
      [mutations.react("t", "👍", true), "your reaction 👍"],
      [mutations.react("t", "👍", false), "removing your reaction 👍"],
    ];
    for (const [draft, words] of cases) expect(describeChange(buildFailure(draft))).toBe(words);
  });

  it("knows which changes carry words the user typed", () => {
    expect(typedText(buildFailure(mutations.reply("t", "My reply", null)))).toBe("My reply");
    expect(typedText(buildFailure(mutations.editComment("c", "Better words")))).toBe("Better words");
    expect(typedText(buildFailure(mutations.editThread("t", { tags: ["x"] })))).toBeNull();
    expect(typedText(buildFailure(mutations.react("t", "👍", true)))).toBeNull();
    expect(typedText(buildFailure(mutations.setResolved("t", true)))).toBeNull();
  });

  it("counts changes by what they are", () => {
    const reply = () => buildFailure(mutations.reply("t", "R", null));
    const reaction = buildFailure(mutations.react("t", "👍", true));
    expect(summarizeChanges([reply()])).toBe("1 reply");
    expect(summarizeChanges([reply(), reaction, reply()])).toBe("2 replies and 1 reaction");
    expect(summarizeChanges([reply(), reaction, buildFailure(mutations.setResolved("t", true))])).toBe(
      "1 reply, 1 reaction and 1 other change",
    );
  });
});

describe("discarding", () => {
  it("asks before words would be lost, naming what goes along; not for a lone reaction", () => {
    const thread = buildFailure(newThread());
    const reply = buildFailure(mutations.reply(thread.key, "R", null), { dependsOn: thread.key });
    const reaction = buildFailure(mutations.react(thread.key, "👍", true), { dependsOn: thread.key });
    expect(discardQuestion([thread, reply, reaction])).toBe(
      "Discard your new thread, with 1 reply and 1 reaction written on it? What you wrote will be lost.",
    );
    expect(discardQuestion([reply])).toBe("Discard your reply? What you wrote will be lost.");
    expect(discardQuestion([reaction])).toBeNull();
    expect(discardQuestion([])).toBeNull();
  });
});

describe("dependents and threads", () => {
  it("a dependent waits on the first failure of its chain; others give the server's reason", () => {
    const thread = buildFailure(newThread(), { reason: "Refused." });
    const reply = buildFailure(mutations.reply(thread.key, "R", null), {
      status: 0,
      code: "dependency_failed",
      dependsOn: thread.key,
    });
    const reaction = buildFailure(mutations.react(reply.key, "👍", true), {
      status: 0,
      code: "dependency_failed",
      dependsOn: reply.key,
    });
    const all = [thread, reply, reaction];
    expect(failureExplanation(thread, all)).toBe("Refused.");
    expect(failureExplanation(reaction, all)).toBe("It waits on your new thread, which was not saved.");
    expect(notSaved({ id: thread.key, failures: [thread] })).toBe(true);
    expect(notSaved({ id: thread.key, failures: [reaction] })).toBe(false);
    expect(notSaved({ id: thread.key })).toBe(false);
  });

  it("finds the thread of each kind of change, replies that exist only in this browser included", () => {
    const unsavedReply = buildFailure(mutations.reply("t1", "R", null));
    const lookup = {
      commentThread: (id: string) => (id === "c1" ? "t2" : undefined),
      isThread: (id: string) => id === "t3",
      queued: [unsavedReply],
    };
    const threadOf = (draft: mutations.MutationDraft) => threadOfChange(buildFailure(draft), lookup);
    expect(threadOf(mutations.setResolved("t9", true))).toBe("t9");
    expect(threadOf(mutations.reply("t1", "R", null))).toBe("t1");
    expect(threadOf(mutations.editComment("c1", "B"))).toBe("t2");
    expect(threadOf(mutations.react("t3", "👍", true))).toBe("t3");
    expect(threadOf(mutations.react("c1", "👍", true))).toBe("t2");
    expect(threadOf(mutations.react(unsavedReply.key, "👍", true))).toBe("t1");
    expect(threadOf(mutations.editComment("gone", "B"))).toBeUndefined();
  });
});
