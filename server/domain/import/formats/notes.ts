// Footnotes and endnotes in HTML documents: finds the links that are note references and the notes they lead to.
import { posix } from "node:path";
import type { FootnoteNote } from "../../../../shared/schemas/documents.ts";
import { contains, isElement } from "./dom.ts";
import type { DomDocument, DomElement, DomNode } from "./dom.ts";
import { looksLikeNoteRef, noteBodyOf, noteText } from "./html-blocks.ts";
import type { NoteContext } from "./html-blocks.ts";

/** One document of a set whose links may lead into each other (an EPUB's spine; a web page is a set of one). */
export interface LinkedDocument {
  /** The document's path inside its container ("OEBPS/ch1.xhtml"); "" for a lone page. */
  path: string;
  document: DomDocument;
}

/** The notes found in a set of documents, by "path#id" of the element each reference leads to. */
export interface NoteIndex {
  notes: Map<string, FootnoteNote>;
  /**
   * The context for walking `root` (the document at `path`, or part of a fresh parse of it, attached or not).
   */
  contextFor(path: string, root: DomDocument | DomElement): NoteContext;
}

/** "path#id" of the element a link leads to, resolved against the path of the document holding it. */
export function linkKey(anchor: DomElement, from: string): string | undefined {
  const href = anchor.getAttribute("href");
  const hash = href?.indexOf("#") ?? -1;
  if (!href || hash === -1 || /^[a-z][a-z0-9+.-]*:/iu.test(href)) return undefined;
  const file = href.slice(0, hash).replace(/\?.*$/u, "");
  try {
    const path = file ? posix.normalize(posix.join(posix.dirname(from), decodeURIComponent(file))) : from;
    return `${path}#${decodeURIComponent(href.slice(hash + 1))}`;
  } catch {
    return undefined;
  }
}

const anchorsOf = (root: DomDocument | DomElement) => Array.from(root.getElementsByTagName("a"));
const hasHeading = (element: DomElement) =>
  ["h1", "h2", "h3", "h4", "h5", "h6"].some((name) => element.getElementsByTagName(name).length > 0);
const backlinkText = /^(?:[\s↑↩⤴^]|\uFE0E|\uFE0F)+$/u;

/** The elements under `root` by id (the first of each), found by walking the tree: `root` may be detached. */
function idsUnder(root: DomNode): Map<string, DomElement> {
  const ids = new Map<string, DomElement>();
  const stack: DomNode[] = [root];
  for (let node = stack.pop(); node; node = stack.pop()) {
    if (isElement(node) && node.id && !ids.has(node.id)) ids.set(node.id, node);
    for (let index = node.childNodes.length - 1; index >= 0; index--)
      stack.push(node.childNodes[index] as DomNode);
  }
  return ids;
}

/**
 * Finds every note in `documents`: a link marked as a note reference (EPUB 3 `epub:type="noteref"`, ARIA
 * `doc-noteref`), in or around a superscript (`<sup><a href="#fn1">`, Wikipedia's `sup.reference`, Word's converted
 * notes), or leading to an element marked as a note (`footnote`, `endnote`, `aside`), whose target is found. The note
 * is the target's element, or the paragraph or list item it starts (EPUB 2's numbered anchors), unless that holds a
 * heading or the reference itself (then it is a section, not a note). Its text drops the links back to the reference.
 */
export function collectNotes(documents: readonly LinkedDocument[]): NoteIndex {
  const byPath = new Map(documents.map((entry) => [entry.path, entry.document]));
  const find = (key: string) => {
    const hash = key.lastIndexOf("#");
    return byPath.get(key.slice(0, hash))?.getElementById(key.slice(hash + 1)) ?? undefined;
  };
  const refs = new Set<DomElement>();
  const bodies = new Map<string, { body: DomElement; marker: string }>();
  for (const { path, document } of documents) {
    for (const anchor of anchorsOf(document)) {
      const key = linkKey(anchor, path);
      const target = key === undefined ? undefined : find(key);
      if (!key || !target || !looksLikeNoteRef(anchor, target)) continue;
      const body = noteBodyOf(target) ?? target;
      if (contains(body, anchor) || hasHeading(body)) continue;
      refs.add(anchor);
      if (!bodies.has(key)) bodies.set(key, { body, marker: (anchor.textContent ?? "").trim() });
    }
  }
  const isBacklink = (from: string) => (anchor: DomElement) => {
    if (
      backlinkText.test(anchor.textContent ?? "") ||
      /doc-backlink/u.test(anchor.getAttribute("role") ?? "")
    )
      return true;
    const key = linkKey(anchor, from);
    const target = key === undefined ? undefined : find(key);
    return !!target && [...refs].some((ref) => contains(target, ref));
  };
  const notes = new Map<string, FootnoteNote>();
  for (const [key, { body, marker }] of bodies) {
    const path = key.slice(0, key.lastIndexOf("#"));
    const context: NoteContext = {
      noteOf: () => undefined,
      isNoteBody: () => false,
      isBacklink: isBacklink(path),
    };
    const note = noteText(body, context, marker.replace(/^[[(]+|[\])]+$/gu, ""));
    if (note.text) notes.set(key, note);
  }
  return {
    notes,
    contextFor(path, root) {
      const hidden = new Set<DomNode>();
      const ids = idsUnder(root);
      for (const key of notes.keys()) {
        if (!key.startsWith(`${path}#`)) continue;
        const target = ids.get(key.slice(path.length + 1));
        const body = target && (noteBodyOf(target) ?? target);
        if (body && !hasHeading(body)) hidden.add(body);
      }
      return {
        noteOf: (anchor) => {
          const key = linkKey(anchor, path);
          return key === undefined ? undefined : notes.get(key);
        },
        isNoteBody: (element) => hidden.has(element),
        isBacklink: isBacklink(path),
      };
    },
  };
}
