// Liveness (/healthz: the process answers) and readiness (/readyz: the database answers).
import { Router } from "express";
import { checkDatabase } from "../../services/check-database.ts";
import type { ServiceContext } from "../../services/context.ts";

export function healthRoutes(ctx: ServiceContext): Router {
  const router = Router();
  router.get("/healthz", (_req, res) => {
    res.json({ status: "ok" });
  });
  router.get("/readyz", async (req, res) => {
    try {
      await checkDatabase(ctx);
      res.json({ status: "ready", database: "ok" });
    } catch (error) {
      req.log.warn({ err: error }, "readiness check failed: database unreachable");
      res.status(503).json({ error: { code: "unavailable", message: "The database is not reachable." } });
    }
  });
  return router;
}
