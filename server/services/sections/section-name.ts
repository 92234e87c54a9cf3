// A section's name is unique in its group: refused by name before the unique index would fail the transaction.
import { sectionNameTaken } from "../../data/sections.ts";
import type { Tx } from "../../data/db.ts";
import { AppError } from "../../domain/app-error.ts";

/** Throws a 409 naming the field when the group has another section called `name`. */
export async function assertNameFree(
  tx: Tx,
  groupId: string,
  name: string,
  exceptId?: string,
): Promise<void> {
  if (await sectionNameTaken(tx, groupId, name, exceptId)) {
    throw new AppError("conflict", `Invalid request: name "${name}" is already a section of this group.`, [
      { field: "name", message: "is already a section of this group" },
    ]);
  }
}
