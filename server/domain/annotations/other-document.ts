// Whether an imported annotation plainly says it belongs to another document than the room's: a Scholia address of
// another document, or a title that has nothing in common with the room's. A warning, never a refusal: quotes
// are what anchor, and the same text may live under many addresses.
/** The room's document, as the comparison needs it. */
export interface RoomDocument {
  documentId: string;
  title: string;
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

/**
 * How the annotation names another document ("its target source names another Scholia document (…)", "it is
 * about “Other Title”"), or undefined when nothing it says contradicts the room's document.
 */
export function otherDocument(
  named: { uri?: string; title?: string } | undefined,
  room: RoomDocument,
): string | undefined {
  const id = named?.uri && scholiaDocument.exec(named.uri)?.[1]?.toLowerCase();
  if (id && id !== room.documentId.toLowerCase())
    return `its target names another Scholia document (${named!.uri!.slice(0, 200)})`;
  const title = named?.title ? plain(named.title) : "";
  const ours = plain(room.title);
  if (title && ours && !title.includes(ours) && !ours.includes(title))
    return `it says it annotates “${named!.title!.slice(0, 120)}”, not “${room.title.slice(0, 120)}”`;
  return undefined;
}
