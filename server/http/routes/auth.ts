// /api/auth/*, /api/me and /api/session: sign up, sign in, sign out, who am I (and am I signed in at all).
import { Router } from "express";
import { z } from "zod";
import {
  loginSchema,
  registerSchema,
  userSchema,
  type LoginInput,
  type RegisterInput,
} from "../../../shared/schemas/auth.ts";
import { logIn } from "../../services/auth/log-in.ts";
import { logOut } from "../../services/auth/log-out.ts";
import { registerUser } from "../../services/auth/register-user.ts";
import type { ServiceContext } from "../../services/context.ts";
import { presentUser } from "../../presenters/user.ts";
import { principalOf, readSessionToken, requireUser } from "../middleware/auth.ts";
import { authenticate } from "../../services/auth/authenticate.ts";
import { authAddressLimiter, signInLockout, type AuthRateLimits } from "../middleware/rate-limit.ts";
import type { SharedLimits } from "../../realtime/fanout/shared-limits.ts";
import type { ApiDocs } from "../openapi.ts";
import { route } from "../route.ts";
import { clearSessionCookie, setSessionCookie } from "../session-cookie.ts";

const userResponse = z.object({ user: userSchema });
const sessionResponse = z.object({ user: userSchema.nullable() });

export function authRoutes(
  ctx: ServiceContext,
  docs: ApiDocs,
  secureCookies: boolean,
  limits: AuthRateLimits,
  shared?: SharedLimits,
): Router {
  const router = Router();
  const perAddress = authAddressLimiter(limits, "auth", shared);
  const clientOf = (req: { get(name: string): string | undefined; ip?: string | undefined }) => ({
    userAgent: req.get("user-agent"),
    ip: req.ip,
  });

  route(
    router,
    docs,
    {
      method: "post",
      path: "/api/auth/register",
      summary: "Create an account and sign in",
      tag: "auth",
      auth: false,
      body: registerSchema,
      response: userResponse,
      status: 201,
    },
    perAddress,
    async (req, res) => {
      const { user, session } = await registerUser(ctx, req.body as RegisterInput, clientOf(req));
      setSessionCookie(res, session.token, session.expiresAt, secureCookies);
      res.status(201).json({ user: presentUser(user) });
    },
  );

  route(
    router,
    docs,
    {
      method: "post",
      path: "/api/auth/login",
      summary: "Sign in with email and password",
      tag: "auth",
      auth: false,
      body: loginSchema,
      response: userResponse,
    },
    perAddress,
    signInLockout(limits, shared),
    async (req, res) => {
      const { user, session } = await logIn(ctx, req.body as LoginInput, clientOf(req));
      setSessionCookie(res, session.token, session.expiresAt, secureCookies);
      res.json({ user: presentUser(user) });
    },
  );

  route(
    router,
    docs,
    {
      method: "post",
      path: "/api/auth/logout",
      summary: "Sign out and revoke the session",
      tag: "auth",
      auth: true,
      status: 204,
    },
    requireUser(ctx),
    async (_req, res) => {
      await logOut(ctx, principalOf(res).sessionId);
      clearSessionCookie(res, secureCookies);
      res.status(204).end();
    },
  );

  route(
    router,
    docs,
    {
      method: "get",
      path: "/api/me",
      summary: "The signed-in user",
      tag: "auth",
      auth: true,
      response: userResponse,
    },
    requireUser(ctx),
    (_req, res) => {
      res.json({ user: presentUser(principalOf(res).user) });
    },
  );

  // What a page asks on load: being signed out is an answer here, not an error (no 401 in the browser's console).
  route(
    router,
    docs,
    {
      method: "get",
      path: "/api/session",
      summary: "The signed-in user, or null when signed out (200 either way)",
      tag: "auth",
      auth: false,
      response: sessionResponse,
    },
    async (req, res) => {
      const token = readSessionToken(req);
      const principal = token ? await authenticate(ctx, token) : undefined;
      res.json({ user: principal ? presentUser(principal.user) : null });
    },
  );

  return router;
}
