// Whether an imported annotation plainly says it belongs to another document than the room's: the address of another
// document of this server with another title, or a title that has nothing in common with the room's. A warning, never a refusal: quotes
// are what anchor, and the same text may live under many addresses.
/** The room's document, and where this server is, as the comparison needs them. */
export interface RoomDocument {
  documentId: string;
  title: string;
  /** This server's public address: only its own document addresses can be looked up. */
  publicUrl: string;
}

/** Lower-case letters and digits only, single-spaced: titles compared without case, punctuation or spacing. */
const plain = (text: string) =>
  text
    .normalize("NFKD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim();

/** A Scholia address naming a document (an export's target source): `/api/documents/<uuid>/versions/<n>`. */
const scholiaDocument =
  /\/api\/documents\/([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})(?:[/?#]|$)/iu;

/** The id of the document of this server that `uri` names, if it names one. */
export function localDocumentId(uri: string | undefined, publicUrl: string): string | undefined {
  if (!uri?.startsWith(`${publicUrl}/`)) return undefined;
  return scholiaDocument.exec(uri.slice(publicUrl.length))?.[1]?.toLowerCase();
}

/** Two titles plainly differ when neither holds the other (case, accents and punctuation aside). */
function titlesDiffer(a: string, b: string): boolean {
  const [x, y] = [plain(a), plain(b)];
  return x !== "" && y !== "" && !x.includes(y) && !y.includes(x);
}

/**
 * How the annotation names another document ("its target is another document of this server…", "it says it
 * annotates “Other Title”…"), or undefined when nothing it says plainly contradicts the room's document. A
 * document of this server counts as another only when its title (from `titles`, by id) differs: the same text
 * uploaded twice is the same text. The other document's title is never shown: the importer may not read it.
 */
export function otherDocument(
  named: { uri?: string; title?: string } | undefined,
  room: RoomDocument,
  titles: ReadonlyMap<string, string>,
): string | undefined {
  const id = localDocumentId(named?.uri, room.publicUrl);
  const title = id && id !== room.documentId.toLowerCase() ? titles.get(id) : undefined;
  if (title !== undefined && titlesDiffer(title, room.title))
    return `its target is another document of this server (${named!.uri!.slice(0, 200)})`;
  if (named?.title && titlesDiffer(named.title, room.title))
    return `it says it annotates “${named.title.slice(0, 120)}”, not “${room.title.slice(0, 120)}”`;
  return undefined;
}
