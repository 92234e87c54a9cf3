// The W3C Web Annotation export read back with a JSON-LD processor (jsonld.js) against the local context only:
// valid JSON-LD, every quote equal to the room's text at its position, reply trees, tags and visibility kept.
import jsonld from "jsonld";
import { beforeAll, describe, expect, it } from "vitest";
import { localDocumentLoader } from "../../server/domain/annotations/context.ts";
import { buildRoom, type Person } from "../helpers/room-fixture.ts";
import { buildTestApp } from "../helpers/test-app.ts";
import {
  annotationFixture,
  exportJsonLd,
  roomWholeText,
  type Annotation,
} from "../helpers/annotation-room.ts";

const { app } = buildTestApp();
let room: Awaited<ReturnType<typeof buildRoom>>;
let ids: Awaited<ReturnType<typeof annotationFixture>>;

const oa = (term: string) => `http://www.w3.org/ns/oa#${term}`;

/** Every annotation of the collection, following `next` from `first`. */
function annotationsOf(collection: Record<string, unknown>): Annotation[] {
  const items: Annotation[] = [];
  for (let page = collection.first as Record<string, unknown> | undefined; page;) {
    items.push(...(page.items as Annotation[]));
    page = page.next as Record<string, unknown> | undefined;
  }
  return items;
}

beforeAll(async () => {
  room = await buildRoom(app);
  ids = await annotationFixture(room);
});

async function exported(person: Person) {
  return exportJsonLd(person, room.roomId);
}

describe("JSON-LD export", () => {
  it("is an AnnotationCollection that expands under the local context without any fetch", async () => {
    const res = await room.member.agent
      .get(`/api/rooms/${room.roomId}/export`)
      .query({ format: "jsonld" })
      .buffer(true)
      .expect(200);
    expect(res.headers["content-type"]).toBe(
      'application/ld+json; profile="http://www.w3.org/ns/anno.jsonld"',
    );
    expect(res.headers["content-disposition"]).toMatch(/annotations-\d{4}-\d{2}-\d{2}\.jsonld"?$/u);
    const collection = await exported(room.member);
    const expanded = await jsonld.expand(collection, { documentLoader: localDocumentLoader });
    const top = expanded[0]!;
    expect(top["@type"]).toEqual(["http://www.w3.org/ns/activitystreams#OrderedCollection"]);
    const annotations = annotationsOf(collection);
    expect(collection.total).toBe(annotations.length);
    const types = JSON.stringify(expanded);
    expect(types).toContain(oa("TextQuoteSelector"));
    expect(types).toContain("https://scholia.invalid/ns#status");
  });

  it("puts every quote at its position in the room's whole text", async () => {
    const text = await roomWholeText(room);
    const annotations = annotationsOf(await exported(room.owner));
    const checked = annotations.flatMap((annotation) => {
      if (annotation.motivation === "replying") return [];
      const selectors = annotation.target.selector as Record<string, unknown>[];
      const quote = selectors.find((s) => s.type === "TextQuoteSelector")!;
      const position = selectors.find((s) => s.type === "TextPositionSelector")!;
      expect(text.slice(position.start as number, position.end as number)).toBe(quote.exact);
      const block = selectors.find((s) => s.type === "FragmentSelector")!;
      expect(room.blocks.some((b) => b.anchorId === block.value)).toBe(true);
      return [annotation.id];
    });
    expect(checked).toContain(`urn:uuid:${ids.passage}`);
    expect(checked).toContain(`urn:uuid:${ids.whole}`);
  });

  it("keeps reply trees, tags, statuses and authors without their email", async () => {
    const annotations = annotationsOf(await exported(room.member));
    const byId = new Map(annotations.map((a) => [a.id, a]));
    const passage = byId.get(`urn:uuid:${ids.passage}`)!;
    expect(passage.motivation).toBe("commenting");
    expect(passage.body).toEqual([
      { type: "TextualBody", value: "On *this* passage.", format: "text/markdown", purpose: "commenting" },
      { type: "TextualBody", value: "method", purpose: "tagging" },
    ]);
    expect(passage["scholia:status"]).toBe("resolved");
    expect(byId.get(`urn:uuid:${ids.reply}`)).toMatchObject({
      motivation: "replying",
      target: `urn:uuid:${ids.passage}`,
    });
    expect(byId.get(`urn:uuid:${ids.nested}`)).toMatchObject({
      motivation: "replying",
      target: `urn:uuid:${ids.reply}`,
    });
    expect(JSON.stringify(annotations)).not.toContain("@");
    expect(passage.creator).toMatchObject({ type: "Person", name: room.member.displayName });
  });

  it("follows the visibility rule: instructors' notes only for instructors and owners", async () => {
    const forMember = annotationsOf(await exported(room.member)).map((a) => a.id);
    const forInstructor = annotationsOf(await exported(room.instructor)).map((a) => a.id);
    expect(forMember).not.toContain(`urn:uuid:${ids.instructorsOnly}`);
    expect(forInstructor).toContain(`urn:uuid:${ids.instructorsOnly}`);
  });

  it("refuses to fetch any context it has no local copy of", async () => {
    await expect(localDocumentLoader("https://example.org/evil.jsonld")).rejects.toThrow(
      /nothing is fetched/u,
    );
    await expect(
      jsonld.expand(
        { "@context": "https://example.org/evil.jsonld", name: "x" },
        { documentLoader: localDocumentLoader },
      ),
    ).rejects.toMatchObject({
      details: { cause: { message: expect.stringMatching(/nothing is fetched/u) } },
    });
  });
});
