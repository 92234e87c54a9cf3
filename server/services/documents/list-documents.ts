// Documents the user can read: uploaded to one of their groups, or attached to one as a room.
import { listDocumentsFor } from "../../data/documents.ts";
import type { ServiceContext } from "../context.ts";

export function listDocuments(ctx: ServiceContext, userId: string) {
  return listDocumentsFor(ctx.db, userId);
}
