// Registers an express route and its OpenAPI description in one call, so the two cannot drift apart.
import type { RequestHandler, Router } from "express";
import type { ApiDocs, RouteDoc } from "./openapi.ts";
import { validateBody } from "./middleware/validate.ts";

export function route(router: Router, docs: ApiDocs, doc: RouteDoc, ...handlers: RequestHandler[]): void {
  docs.add(doc);
  const chain = doc.body ? [validateBody(doc.body), ...handlers] : handlers;
  router[doc.method](doc.path, ...chain);
}
