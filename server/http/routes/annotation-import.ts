// POST /api/rooms/:roomId/import: brings annotations from a file (W3C Web Annotations or a Hypothesis export) into
// the room, and answers with what was created, detached and skipped.
import { Router, type Request } from "express";
import { emptyFile } from "../../domain/annotations/read-file.ts";
import { importContentTypes, importReportSchema } from "../../../shared/schemas/annotation-import.ts";
import type { ServiceContext } from "../../services/context.ts";
import { authorizeImport, importAnnotations } from "../../services/annotations/import-annotations.ts";
import { principalOf, requireUser } from "../middleware/auth.ts";
import { parseOrThrow, uuidParam } from "../middleware/validate.ts";
import type { ApiDocs } from "../openapi.ts";
import { readTextUpload } from "../read-text-upload.ts";
import { route } from "../route.ts";

/** A request with no body at all: no length or a length of 0, and not chunked. */
const hasNoBody = (req: Request) =>
  req.get("transfer-encoding") === undefined && Number(req.get("content-length") ?? "0") === 0;

export function annotationImportRoutes(ctx: ServiceContext, docs: ApiDocs): Router {
  const router = Router();
  route(
    router,
    docs,
    {
      method: "post",
      path: "/api/rooms/:roomId/import",
      summary:
        "Import annotations (owners and instructors): W3C Web Annotation JSON-LD (Scholia's export or another tool's) or a Hypothesis JSON export, as the body or a multipart file field named file; at most 5 MB and 2000 annotations. Threads are anchored by quote in the room's text (exactly, else approximately); those not found, or found in several places nothing in the file tells apart, are reported detached and not created. Authors who are members (by e-mail) stand under their account, others under the importer; all are shown as \"imported: <name>\". Importing the same file again creates nothing; an id imported before is left out, with why. 400 for an empty file.",
      tag: "exports",
      auth: true,
      upload: [...importContentTypes, "multipart/form-data"],
      response: importReportSchema,
      status: 200,
    },
    requireUser(ctx),
    async (req, res) => {
      const roomId = parseOrThrow(uuidParam, req.params.roomId, "roomId").toLowerCase();
      const userId = principalOf(res).user.id;
      // Said as it is (400, "the file is empty"), not as a content type it seemingly lacks.
      if (hasNoBody(req)) {
        await authorizeImport(ctx, roomId, userId);
        throw emptyFile();
      }
      // Refused before the file is read: a member's upload is never taken in.
      const upload = await readTextUpload(
        req,
        () => authorizeImport(ctx, roomId, userId),
        importContentTypes,
      );
      res.json(await importAnnotations(ctx, roomId, userId, upload.text));
    },
  );
  return router;
}
