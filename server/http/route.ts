// Registers an express route and its OpenAPI description in one call, so the two cannot drift apart.
import express, { type RequestHandler, type Router } from "express";
import { limits } from "../../shared/limits.ts";
import { requireJsonBody } from "./middleware/json-only.ts";
import { validateBody } from "./middleware/validate.ts";
import type { ApiDocs, RouteDoc } from "./openapi.ts";
import { verifyUtf8Body } from "./utf8-input.ts";

/** JSON bodies: within the size limit, and UTF-8 (bad bytes are refused, not read as U+FFFD). */
const parseJson = express.json({ limit: limits.jsonBodyBytes, verify: verifyUtf8Body });

/** Adds the route; when it declares a JSON body, the body must be JSON, within the size limit, and valid. */
export function route(router: Router, docs: ApiDocs, doc: RouteDoc, ...handlers: RequestHandler[]): void {
  docs.add(doc);
  const chain = doc.body ? [requireJsonBody, parseJson, validateBody(doc.body), ...handlers] : handlers;
  router[doc.method](doc.path, ...chain);
}
