// The JSON-LD contexts of W3C Web Annotations as Scholia writes and reads them, served from local copies only: a
// processor never fetches anything at run time.
import { readFileSync } from "node:fs";
import type { JsonLd, RemoteDocument } from "jsonld/jsonld-spec.js";

/** The Web Annotation Data Model's context (https://www.w3.org/TR/annotation-model/, appendix A). */
export const annoContextUrl = "http://www.w3.org/ns/anno.jsonld";

/**
 * Where Scholia's own terms (status, visibility, reactions, role…) live. It is an identifier, never fetched:
 * `.invalid` (RFC 2606) says so, and keeps a stranger's server from ever answering for it.
 */
export const scholiaNamespace = "https://scholia.invalid/ns#";

/** The context of every Scholia export: the official one, then the prefix of Scholia's terms. */
export const annotationContext = [annoContextUrl, { scholia: scholiaNamespace }];

/** The same official context at the addresses tools write it under (https, and the spec's `anno` without type). */
const contextUrls = [annoContextUrl, "https://www.w3.org/ns/anno.jsonld", "http://www.w3.org/ns/anno"];

const annoContext = JSON.parse(readFileSync(new URL("./anno.jsonld", import.meta.url), "utf8")) as JsonLd;

/**
 * A jsonld.js document loader that knows only the local copy of the annotation context and refuses every other
 * address with an error naming it: a file cannot make the server fetch a URL.
 */
export async function localDocumentLoader(url: string): Promise<RemoteDocument> {
  if (contextUrls.includes(url)) return { contextUrl: undefined, document: annoContext, documentUrl: url };
  throw new Error(
    `The JSON-LD context ${JSON.stringify(url.slice(0, 200))} is not one Scholia knows; nothing is fetched ` +
      `from the network. Use the Web Annotation context ${annoContextUrl} or an inline context.`,
  );
}
