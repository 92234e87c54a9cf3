// /api/documents/*: list, upload, read documents and their versions.
import { Router, type Request } from "express";
import { z } from "zod";
import {
  compareQuerySchema,
  documentDetailSchema,
  documentSummarySchema,
  importProgressSchema,
  newDocumentFieldsSchema,
  uploadFieldsSchema,
  uploadPreviewSchema,
  updateDocumentSchema,
  uploadResultSchema,
  versionDetailSchema,
  versionComparisonSchema,
  versionNumberSchema,
  type UpdateDocumentInput,
} from "../../../shared/schemas/document-api.ts";
import type { ServiceContext } from "../../services/context.ts";
import type { ImportProgressListener } from "../../services/documents/import-runner.ts";
import { addVersion } from "../../services/documents/add-version.ts";
import { compareDocumentVersions } from "../../services/documents/compare-versions.ts";
import { getDocument } from "../../services/documents/get-document.ts";
import { getVersion } from "../../services/documents/get-version.ts";
import { authorizeDocumentUpload, importDocument } from "../../services/documents/import-document.ts";
import { authorizeDocument } from "../../services/documents/load-document-actor.ts";
import { listDocuments } from "../../services/documents/list-documents.ts";
import { previewImport } from "../../services/documents/preview-import.ts";
import { removeDocument } from "../../services/documents/remove-document.ts";
import { updateDocument } from "../../services/documents/update-document.ts";
import {
  presentDocumentDetail,
  presentDocumentSummary,
  presentVersionDetail,
} from "../../presenters/document.ts";
import { principalOf, requireUser } from "../middleware/auth.ts";
import { parseOrThrow, uuidParam } from "../middleware/validate.ts";
import type { ApiDocs } from "../openapi.ts";
import { documentContentTypes, importInputOf } from "../document-upload.ts";
import { readFileUpload } from "../read-text-upload.ts";
import { route } from "../route.ts";

const uploadQuery = {
  title: "Title (otherwise taken from the text)",
  author: "Author (otherwise taken from the text)",
  format:
    "How to read a text: text | markdown | auto (default: auto; text/markdown uploads are Markdown). PDF, Word, EPUB and HTML files are told by their content.",
  preview:
    '"true": import and answer 200 with the blocks and report (corrections applied), storing nothing (also a form field)',
  corrections:
    "JSON list of corrections to the previewed blocks, applied in order and stored with the version (also a form field): " +
    '{op:"edit",block,text} | {op:"merge",block} (with the next) | {op:"split",block,offset} | {op:"kind",block,kind}',
  progress:
    "A UUID of your choosing: while the import runs, GET /api/import-progress/{progress} answers how far it has got (also a form field)",
};

/** A publishing upload answers what it stored; a preview (200) answers what it would store. */
const uploadResponse = z.union([uploadResultSchema, uploadPreviewSchema]);

/**
 * The uploaded document plus its validated fields, which may come from the query string or the multipart form. `permit`
 * sees the fields sent before the text (the query, and form fields before the file) and refuses before it is read.
 */
async function readUpload<T extends z.ZodType>(
  req: Request,
  fieldsSchema: T,
  permit: (fields: z.infer<T>) => Promise<unknown>,
) {
  const upload = await readFileUpload(
    req,
    (early) => permit(parseOrThrow(fieldsSchema, early, "fields") as z.infer<T>),
    documentContentTypes,
  );
  const fields = parseOrThrow(fieldsSchema, upload.fields, "fields") as z.infer<typeof uploadFieldsSchema> &
    z.infer<T>;
  return { fields, text: importInputOf(upload, fields) };
}

/** Runs `work` with a listener that keeps the import's progress on the board under `id`, when the uploader chose one. */
async function following<T>(
  ctx: ServiceContext,
  userId: string,
  id: string | undefined,
  work: (onProgress: ImportProgressListener | undefined) => Promise<T>,
): Promise<T> {
  if (!id) return work(undefined);
  const { onProgress, stop } = ctx.importProgress.follow(userId, id);
  try {
    return await work(onProgress);
  } finally {
    stop();
  }
}

export function documentRoutes(ctx: ServiceContext, docs: ApiDocs): Router {
  const router = Router();
  const signedIn = requireUser(ctx);
  const documentId = (req: Request) => parseOrThrow(uuidParam, req.params.documentId, "documentId");

  route(
    router,
    docs,
    {
      method: "get",
      path: "/api/documents",
      summary: "Documents I can read",
      tag: "documents",
      auth: true,
      response: z.object({ documents: z.array(documentSummarySchema) }),
    },
    signedIn,
    async (_req, res) => {
      const rows = await listDocuments(ctx, principalOf(res).user.id);
      res.json({ documents: rows.map(presentDocumentSummary) });
    },
  );

  route(
    router,
    docs,
    {
      method: "post",
      path: "/api/documents",
      summary:
        "Upload a new document (owners and instructors of the group): UTF-8 text or Markdown, PDF, Word, EPUB or HTML, at most 5 MB",
      tag: "documents",
      auth: true,
      upload: [...documentContentTypes, "multipart/form-data"],
      query: {
        groupId: "The group the document belongs to (required; or a form field sent before the file)",
        ...uploadQuery,
      },
      response: uploadResponse,
      status: 201,
    },
    signedIn,
    async (req, res) => {
      const userId = principalOf(res).user.id;
      const { fields, text } = await readUpload(req, newDocumentFieldsSchema, (early) =>
        authorizeDocumentUpload(ctx, userId, early.groupId),
      );
      const corrections = fields.corrections ?? [];
      if (fields.preview) {
        await authorizeDocumentUpload(ctx, userId, fields.groupId);
        const preview = await following(ctx, userId, fields.progress, (onProgress) =>
          previewImport(ctx, text, corrections, onProgress),
        );
        res.status(200).json(preview);
        return;
      }
      const result = await following(ctx, userId, fields.progress, (onProgress) =>
        importDocument(ctx, userId, fields.groupId, text, corrections, onProgress),
      );
      res.status(201).json({
        created: true,
        message: `Imported "${result.document.title}" as version 1 with ${result.blockCount} ${result.blockCount === 1 ? "block" : "blocks"}.`,
        document: { id: result.document.id, title: result.document.title, author: result.document.author },
        version: { number: result.version.number, blockCount: result.blockCount },
        report: result.version.report,
      });
    },
  );

  route(
    router,
    docs,
    {
      method: "get",
      path: "/api/import-progress/:progressId",
      summary:
        "How far an upload of yours is in its import (the progress id you sent with it): stage, and for a PDF the page read last of how many. 404 before the upload's body is read and once its answer is sent",
      tag: "documents",
      auth: true,
      response: z.object({ progress: importProgressSchema }),
    },
    signedIn,
    async (req, res) => {
      const id = parseOrThrow(uuidParam, req.params.progressId, "progressId");
      res.setHeader("Cache-Control", "no-store");
      res.json({ progress: ctx.importProgress.read(principalOf(res).user.id, id) });
    },
  );

  route(
    router,
    docs,
    {
      method: "get",
      path: "/api/documents/:documentId",
      summary: "A document and its versions",
      tag: "documents",
      auth: true,
      response: z.object({ document: documentDetailSchema }),
    },
    signedIn,
    async (req, res) => {
      const row = await getDocument(ctx, principalOf(res).user.id, documentId(req));
      res.json({ document: presentDocumentDetail(row) });
    },
  );

  route(
    router,
    docs,
    {
      method: "patch",
      path: "/api/documents/:documentId",
      summary: "Rename a text: title, author (owners and instructors of the group that uploaded it)",
      tag: "documents",
      auth: true,
      body: updateDocumentSchema,
      response: z.object({ document: documentSummarySchema }),
    },
    signedIn,
    async (req, res) => {
      const row = await updateDocument(
        ctx,
        principalOf(res).user.id,
        documentId(req),
        req.body as UpdateDocumentInput,
      );
      res.json({ document: presentDocumentSummary(row) });
    },
  );

  route(
    router,
    docs,
    {
      method: "delete",
      path: "/api/documents/:documentId",
      summary:
        "Remove a text: it and its rooms leave every list; owners and instructors can still open its rooms and export them",
      tag: "documents",
      auth: true,
      status: 204,
    },
    signedIn,
    async (req, res) => {
      await removeDocument(ctx, principalOf(res).user.id, documentId(req));
      res.status(204).end();
    },
  );

  route(
    router,
    docs,
    {
      method: "get",
      path: "/api/documents/:documentId/versions/:version",
      summary: "A version's blocks, import report and mapping from the previous version",
      tag: "documents",
      auth: true,
      response: z.object({ version: versionDetailSchema }),
    },
    signedIn,
    async (req, res) => {
      const number = parseOrThrow(versionNumberSchema, req.params.version, "version");
      const id = documentId(req);
      const { version, blocks } = await getVersion(ctx, principalOf(res).user.id, id, number);
      res.json({ version: presentVersionDetail(id, version, blocks) });
    },
  );

  route(
    router,
    docs,
    {
      method: "get",
      path: "/api/documents/:documentId/compare",
      summary:
        "How version `to` differs from version `from`, block by block in the reading order of `to`: runs of unchanged blocks, changed blocks with both texts and their similarity, removed and added blocks",
      tag: "documents",
      auth: true,
      query: { from: "A version number", to: "Another version number (older or newer)" },
      response: z.object({ comparison: versionComparisonSchema }),
    },
    signedIn,
    async (req, res) => {
      const { from, to } = parseOrThrow(compareQuerySchema, req.query, "query");
      const comparison = await compareDocumentVersions(
        ctx,
        principalOf(res).user.id,
        documentId(req),
        from,
        to,
      );
      res.json({ comparison });
    },
  );

  route(
    router,
    docs,
    {
      method: "post",
      path: "/api/documents/:documentId/versions",
      summary:
        "Upload a new version; an identical text (with the same corrections) creates nothing (200). A preview also answers the comparison with the latest version (mapping) and identicalTo",
      tag: "documents",
      auth: true,
      upload: [...documentContentTypes, "multipart/form-data"],
      query: uploadQuery,
      response: uploadResponse,
      status: 201,
    },
    signedIn,
    async (req, res) => {
      const id = documentId(req);
      const userId = principalOf(res).user.id;
      const { fields, text } = await readUpload(req, uploadFieldsSchema, () =>
        authorizeDocument(ctx, userId, id, "document.version.create"),
      );
      const corrections = fields.corrections ?? [];
      if (fields.preview) {
        const preview = await following(ctx, userId, fields.progress, (onProgress) =>
          previewImport(ctx, text, corrections, onProgress, id),
        );
        res.status(200).json(preview);
        return;
      }
      const result = await following(ctx, userId, fields.progress, (onProgress) =>
        addVersion(ctx, userId, id, text, corrections, onProgress),
      );
      const { document } = result;
      if (!result.created) {
        res.status(200).json({
          created: false,
          message: `This text is identical to version ${result.version.number}; nothing was stored.`,
          document,
          version: { number: result.version.number },
        });
        return;
      }
      res.status(201).json({
        created: true,
        message: `Imported version ${result.version.number} with ${result.blockCount} ${result.blockCount === 1 ? "block" : "blocks"}.`,
        document,
        version: { number: result.version.number, blockCount: result.blockCount },
        report: result.report,
      });
    },
  );

  return router;
}
