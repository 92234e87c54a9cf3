// Liveness (/healthz: the process answers) and readiness (/readyz: the database answers).
import { Router } from "express";
import type { Prisma } from "../../data/database.ts";

export function healthRoutes(prisma: Prisma): Router {
  const router = Router();
  router.get("/healthz", (_req, res) => {
    res.json({ status: "ok" });
  });
  router.get("/readyz", async (req, res) => {
    try {
      await prisma.$queryRaw`SELECT 1`;
      res.json({ status: "ready", database: "ok" });
    } catch (error) {
      req.log.warn({ err: error }, "readiness check failed: database unreachable");
      res.status(503).json({ error: { code: "unavailable", message: "The database is not reachable." } });
    }
  });
  return router;
}
