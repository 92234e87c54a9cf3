// The few DOM members the converters use, typed structurally so the server needs no DOM library types.
import { DOMParser, parseHTML } from "linkedom";
import { AppError } from "../../app-error.ts";

/** A node of a parsed document (linkedom's, or any W3C DOM). */
export interface DomNode {
  nodeType: number;
  parentNode: DomNode | null;
  childNodes: ArrayLike<DomNode>;
  textContent: string | null;
}

/** An element of a parsed document. */
export interface DomElement extends DomNode {
  localName: string;
  id: string;
  getAttribute(name: string): string | null;
  getElementsByTagName(name: string): ArrayLike<DomElement>;
}

/** A parsed document. */
export interface DomDocument extends DomNode {
  documentElement: DomElement;
  getElementById(id: string): DomElement | null;
  getElementsByTagName(name: string): ArrayLike<DomElement>;
}

export const elementNode = 1;
export const textNode = 3;

export const isElement = (node: DomNode): node is DomElement => node.nodeType === elementNode;

/**
 * Parses HTML or XHTML forgivingly, as linkedom (htmlparser2) does: no scripts run, no resources load, and a
 * document type's entity declarations are never expanded. A fragment without <html> is read as a page's body.
 */
export function parseHtml(html: string): DomDocument {
  // linkedom takes the first element of a fragment for the document element: give a fragment its document.
  const whole = /<html[\s>]/iu.test(html) ? html : `<!doctype html><html><body>${html}</body></html>`;
  // The parser itself slows with depth (seconds at 100,000): a first count of the tags refuses such a page unparsed.
  if (tagDepth(whole) > 4 * maxElementDepth) throw tooDeep(maxElementDepth);
  const document = parseHTML(whole).document as unknown as DomDocument;
  requireDepthWithin(document, maxElementDepth);
  return document;
}

/** Elements whose end tag may be left out (HTML § 13.1.2.4) or that have none: not counted by tagDepth. */
const unclosed =
  /^(p|li|dt|dd|tr|td|th|option|optgroup|tbody|thead|tfoot|colgroup|rt|rp|html|head|body|area|base|br|col|embed|hr|img|input|link|meta|source|track|wbr)$/iu;

/** The deepest nesting of start and end tags in `html`, by counting them (a bound, not the parsed depth). */
function tagDepth(html: string): number {
  let depth = 0;
  let deepest = 0;
  // The name must end where the tag's attributes begin, and `[^<>]` cannot run into the next tag: each character is
  // read once, where a lazy `[^>]*?` after the name backtracked quadratically over "<aaaa…" or "<a<a<a…".
  for (const [tag, close, name] of html.matchAll(/<(\/?)([a-z][a-z0-9-]*)(?=[\s/>])[^<>]*>/giu)) {
    if (unclosed.test(name ?? "") || tag.endsWith("/>")) continue;
    depth = close ? Math.max(0, depth - 1) : depth + 1;
    deepest = Math.max(deepest, depth);
  }
  return deepest;
}

const tooDeep = (max: number) =>
  new AppError(
    "unprocessable_content",
    `The document's elements are nested more than ${max} deep, deeper than any browser shows, so it was not read. Save it again from its editor or browser, or upload its text.`,
  );

/**
 * The deepest nesting of elements a page may have: browsers' parsers stop nesting there (Blink's 512), so no page
 * shows deeper; past it, reading the page (Readability scores every element's ancestors) takes time that grows with
 * the depth times the elements, minutes for a 1 MB page of nested tags.
 */
const maxElementDepth = 512;

/** Throws AppError unprocessable_content (422) when elements nest deeper than `max`; walks without recursion. */
function requireDepthWithin(document: DomDocument, max: number): void {
  const stack: [DomNode, number][] = [[document, 0]];
  while (stack.length > 0) {
    const [node, depth] = stack.pop()!;
    if (depth > max) throw tooDeep(max);
    for (const child of Array.from(node.childNodes)) if (isElement(child)) stack.push([child, depth + 1]);
  }
}

/** Parses XML (an OPF package, a container file, Word's core properties) the same safe way. */
export function parseXml(xml: string): DomDocument {
  return new DOMParser().parseFromString(xml, "text/xml") as unknown as DomDocument;
}

/** The first element named `name` (a qualified name such as "dc:title" matches as written) with its trimmed text. */
export function firstText(document: DomDocument, name: string): string | undefined {
  const text = document.getElementsByTagName(name)[0]?.textContent?.replace(/\s+/gu, " ").trim();
  return text ? text : undefined;
}

/** Whether `ancestor` is `node` or contains it. */
export function contains(ancestor: DomNode, node: DomNode | null): boolean {
  for (let current = node; current; current = current.parentNode) if (current === ancestor) return true;
  return false;
}

/** The nearest ancestor-or-self of `node` named one of `names`. */
export function closest(node: DomNode | null, names: ReadonlySet<string>): DomElement | undefined {
  for (let current = node; current; current = current.parentNode)
    if (isElement(current) && names.has(current.localName.toLowerCase())) return current;
  return undefined;
}
