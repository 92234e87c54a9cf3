// Who an entry is shown as written by, in the reader, the REST presenter and every export: one rule, so that words
// brought in by an import always say so, even when their author was matched to a member by e-mail.
import type { Role } from "../../shared/schemas/groups.ts";

/** An entry's author as stored: the user it stands under, and the name the import gave it (null if not imported). */
export interface StoredAuthor {
  displayName: string;
  importedAuthorName: string | null;
}

/** "imported: Hannah": how an imported entry's author is named everywhere. */
export const importedLabel = (name: string) => `imported: ${name}`;

/** The name shown for an entry's author: the member's own name, or the imported label. */
export const shownAuthorName = (author: StoredAuthor): string =>
  author.importedAuthorName === null ? author.displayName : importedLabel(author.importedAuthorName);

/**
 * The role shown next to an entry's author: the member's role in the group (null after they left), or "imported":
 * an imported author holds no role here, whoever's id the entry stands under.
 */
export const shownRole = (
  importedAuthorName: string | null,
  role: Role | null | undefined,
): Role | "imported" | null => (importedAuthorName === null ? (role ?? null) : "imported");
