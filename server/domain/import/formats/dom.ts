// The few DOM members the converters use, typed structurally so the server needs no DOM library types.
import { DOMParser, parseHTML } from "linkedom";

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
  return parseHTML(whole).document as unknown as DomDocument;
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
