// Resolves what a user may do with a document: read through any of their groups, write through its owning group.
// A removed text stays readable only by those who manage texts somewhere it is read (they export its rooms).
import { notFound, AppError } from "../../domain/app-error.ts";
import { authorize, can, type GroupAction } from "../../domain/policies.ts";
import { findDocumentAccess } from "../../data/documents.ts";
import type { ServiceContext } from "../context.ts";

/**
 * Throws 404 when the user cannot read the document (learners, once it is removed, as for its rooms), 403 when they
 * can read but `action` needs more.
 */
export async function authorizeDocument(
  ctx: ServiceContext,
  userId: string,
  documentId: string,
  action: GroupAction,
) {
  const access = await findDocumentAccess(ctx.db, documentId, userId);
  if (!access?.anyRole) throw notFound("Document");
  if (access.removed && !access.roles.some((role) => can({ userId, role }, "document.manage"))) {
    throw notFound("Document");
  }
  if (action !== "document.read" && !access.ownerGroupRole) {
    throw new AppError(
      "forbidden",
      "Only owners and instructors of the group that uploaded this document can change it.",
    );
  }
  authorize({ userId, role: action === "document.read" ? access.anyRole : access.ownerGroupRole }, action);
  return access;
}
