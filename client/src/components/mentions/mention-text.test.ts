// The composer's mention text: stored bodies ↔ what the text box shows, ranges kept through edits, the query at the
// caret, and who matches it.
import { describe, expect, it } from "vitest";
import {
  editDraft,
  matchCandidates,
  pickMention,
  queryAt,
  toBody,
  toDraft,
  type MentionDraft,
} from "./mention-text.ts";

const ben = "0b3c1f9e-1111-4222-8333-444455556666";
const bo = "0b3c1f9e-2222-4222-8333-444455556666";
const gone = "0b3c1f9e-3333-4222-8333-444455556666";
const names = new Map([
  [ben, "Ben Member"],
  [bo, "Bo"],
]);
const nameOf = (id: string) => names.get(id);

describe("mention text", () => {
  it("shows tokens as @Name and stores them back, unknown people as @someone without losing them", () => {
    const body = `Ask <@${ben}> and <@${bo}>, also <@${gone}>.`;
    const draft = toDraft(body, nameOf);
    expect(draft.text).toBe("Ask @Ben Member and @Bo, also @someone.");
    expect(toBody(draft)).toBe(body);
  });

  it("moves mentions along with edits around them and drops a mention edited inside", () => {
    const draft = toDraft(`<@${ben}> and <@${bo}>`, nameOf);
    const typedBefore = editDraft(draft, `So ${draft.text}`);
    expect(toBody(typedBefore)).toBe(`So <@${ben}> and <@${bo}>`);
    const typedAfter = editDraft(typedBefore, `${typedBefore.text}!`);
    expect(toBody(typedAfter)).toBe(`So <@${ben}> and <@${bo}>!`);
    // "@Ben Member" loses its last letter: it is plain text now, the other mention stays.
    const broken = editDraft(typedAfter, typedAfter.text.replace("Member", "Membe"));
    expect(toBody(broken)).toBe(`So @Ben Membe and <@${bo}>!`);
  });

  it("finds the @query at the caret, but not in an e-mail address, across a line, or inside a mention", () => {
    const plain = (text: string): MentionDraft => ({ text, mentions: [] });
    expect(queryAt(plain("Hi @be"), 6)).toEqual({ start: 3, query: "be" });
    expect(queryAt(plain("@"), 1)).toEqual({ start: 0, query: "" });
    expect(queryAt(plain("(@Ben M"), 7)).toEqual({ start: 1, query: "Ben M" });
    expect(queryAt(plain("mail ada@example"), 16)).toBeNull();
    expect(queryAt(plain("@ben\nx"), 6)).toBeNull();
    expect(queryAt(plain("@ ben"), 5)).toBeNull();
    const mentioned = toDraft(`<@${bo}> yes`, nameOf);
    expect(queryAt(mentioned, 2)).toBeNull();
  });

  it("picks a mention in place of the query, with a space and the caret after it", () => {
    const draft: MentionDraft = { text: "Hi @b, see", mentions: [] };
    const picked = pickMention(draft, { start: 3, query: "b" }, 5, { userId: bo, name: "Bo" });
    expect(picked.draft.text).toBe("Hi @Bo , see");
    expect(picked.caret).toBe(7);
    expect(toBody(picked.draft)).toBe(`Hi <@${bo}> , see`);
  });

  it("offers names starting with the query first, then a word of them, then any part; accents ignored", () => {
    const people = [
      { userId: "1", name: "Zoé Bonnet" },
      { userId: "2", name: "Bo" },
      { userId: "3", name: "Abbot" },
      { userId: "4", name: "Carl" },
    ];
    expect(matchCandidates(people, "bo").map((who) => who.name)).toEqual(["Bo", "Zoé Bonnet", "Abbot"]);
    expect(matchCandidates(people, "zoe").map((who) => who.name)).toEqual(["Zoé Bonnet"]);
    expect(matchCandidates(people, "")).toHaveLength(4);
    expect(matchCandidates(people, "xyz")).toEqual([]);
  });
});
