// createApp(deps): the express application with every route and middleware, importable without listening.
import { randomUUID } from "node:crypto";
import express from "express";
import helmet from "helmet";
import { pinoHttp } from "pino-http";
import type { Logger } from "pino";
import type { TrustProxy } from "./config/trust-proxy.ts";
import type { SharedLimits } from "./realtime/fanout/shared-limits.ts";
import type { PeopleOptions } from "./realtime/people/people-server.ts";
import type { ServiceContext } from "./services/context.ts";
import { errorHandler, notFoundHandler } from "./http/middleware/errors.ts";
import { originCheck } from "./http/middleware/origin-check.ts";
import { refuseRepeatedQueryParams } from "./http/middleware/query-once.ts";
import { defaultAuthRateLimits, type AuthRateLimits } from "./http/middleware/rate-limit.ts";
import { refuseUndecodablePathParams } from "./http/middleware/validate.ts";
import { ApiDocs } from "./http/openapi.ts";
import { authRoutes } from "./http/routes/auth.ts";
import { documentRoutes } from "./http/routes/documents.ts";
import { annotationImportRoutes } from "./http/routes/annotation-import.ts";
import { exportJobRoutes } from "./http/routes/export-jobs.ts";
import { assignmentRoutes } from "./http/routes/assignments.ts";
import { analyticsRoutes } from "./http/routes/analytics.ts";
import { exportRoutes } from "./http/routes/exports.ts";
import { sectionRoutes } from "./http/routes/sections.ts";
import { groupRoutes } from "./http/routes/groups.ts";
import { notificationRoutes } from "./http/routes/notifications.ts";
import { roomRoutes } from "./http/routes/rooms.ts";
import { threadRoutes } from "./http/routes/threads.ts";
import { healthRoutes } from "./http/routes/health.ts";
import { unsubscribeRoutes } from "./http/routes/unsubscribe.ts";
import { staticClient } from "./http/static-client.ts";
import { refuseUndecodableQuery } from "./http/utf8-input.ts";

/** Room mutations one user may make per minute unless configured otherwise (MUTATIONS_PER_MINUTE). */
export const defaultMutationsPerMinute = 600;

export interface AppDeps {
  ctx: ServiceContext;
  logger: Logger;
  secureCookies: boolean;
  authRateLimits?: AuthRateLimits;
  /** Room mutations one user may make per minute (0: unlimited). */
  mutationsPerMinute?: number;
  /** Which proxies' X-Forwarded-For to believe (TRUST_PROXY), for client addresses in rate limits and sessions. */
  trustProxy?: TrustProxy;
  /** Rate limits counted with the other server processes (Redis); unset: counted in this process. */
  sharedLimits?: SharedLimits;
  /** The socket.io people channel's options (Redis, reading-time flushes). */
  people?: PeopleOptions;
}

const requestIdPattern = /^[\w.-]{1,64}$/;

export function createApp(deps: AppDeps): express.Express {
  const app = express();
  app.disable("x-powered-by");
  app.set("trust proxy", deps.trustProxy ?? false);
  app.use(
    pinoHttp({
      logger: deps.logger,
      genReqId: (req, res) => {
        const incoming = req.headers["x-request-id"];
        const id = typeof incoming === "string" && requestIdPattern.test(incoming) ? incoming : randomUUID();
        res.setHeader("x-request-id", id);
        return id;
      },
      serializers: {
        req: (req: { id: string; method: string; url: string }) => ({
          id: req.id,
          method: req.method,
          // Unsubscribe links carry a lasting token: keep it out of the logs.
          url: req.url.replace(/([?&]token=)[^&#]*/g, "$1[redacted]"),
        }),
        res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
      },
      customLogLevel: (_req, res, error) => (error || res.statusCode >= 500 ? "error" : "info"),
      autoLogging: { ignore: (req) => req.url === "/healthz" || req.url === "/readyz" },
    }),
  );
  app.use(helmet());
  app.use(healthRoutes(deps.ctx));

  const docs = new ApiDocs();
  // Mail providers POST one-click unsubscribes from wherever they run; the signed token is the authority there, so
  // the Origin rule (against forged requests riding on a session cookie) does not apply.
  app.use("/api", refuseUndecodableQuery, refuseRepeatedQueryParams);
  app.use(unsubscribeRoutes(deps.ctx, docs));
  app.use("/api", originCheck(deps.ctx.publicUrl), refuseUndecodablePathParams(docs));
  const authRateLimits = deps.authRateLimits ?? defaultAuthRateLimits;
  app.use(authRoutes(deps.ctx, docs, deps.secureCookies, authRateLimits, deps.sharedLimits));
  app.use(groupRoutes(deps.ctx, docs, authRateLimits, deps.sharedLimits));
  app.use(sectionRoutes(deps.ctx, docs));
  app.use(roomRoutes(deps.ctx, docs));
  app.use(assignmentRoutes(deps.ctx, docs));
  app.use(documentRoutes(deps.ctx, docs));
  app.use(exportRoutes(deps.ctx, docs, deps.sharedLimits));
  app.use(analyticsRoutes(deps.ctx, docs, deps.sharedLimits));
  app.use(annotationImportRoutes(deps.ctx, docs));
  app.use(exportJobRoutes(deps.ctx, docs));
  app.use(notificationRoutes(deps.ctx, docs));
  app.use(
    threadRoutes(deps.ctx, docs, deps.mutationsPerMinute ?? defaultMutationsPerMinute, deps.sharedLimits),
  );
  app.get("/api/openapi.json", (_req, res) => {
    res.json(docs.render(deps.ctx.publicUrl));
  });

  app.use(staticClient({ publicUrl: deps.ctx.publicUrl }));
  app.use(notFoundHandler);
  app.use(errorHandler);
  return app;
}
