// Sets and clears the session cookie with the flags the deployment calls for.
import type { Response } from "express";
import { sessionCookieName } from "./middleware/auth.ts";

export function setSessionCookie(res: Response, token: string, expiresAt: Date, secure: boolean): void {
  res.cookie(sessionCookieName, token, {
    httpOnly: true,
    sameSite: "lax",
    secure,
    path: "/",
    expires: expiresAt,
  });
}

export function clearSessionCookie(res: Response, secure: boolean): void {
  res.clearCookie(sessionCookieName, { httpOnly: true, sameSite: "lax", secure, path: "/" });
}
