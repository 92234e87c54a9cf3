// Request schemas for accounts and sessions.
import { z } from "zod";
import { limits } from "../limits.ts";
import { text } from "./text.ts";

export const emailSchema = text()
  .trim()
  .max(limits.emailMax, `must be at most ${limits.emailMax} characters`)
  .pipe(z.email({ error: "must be an email address" }))
  .transform((email) => email.toLowerCase());

/** Any characters but U+0000 and lone surrogates; not normalized here, the auth service does it for hashing. */
const password = text({ controls: "any", normalize: false });

export const registerSchema = z.strictObject({
  email: emailSchema,
  password: password
    .min(limits.passwordMin, `must be at least ${limits.passwordMin} characters`)
    .max(limits.passwordMax, `must be at most ${limits.passwordMax} characters`),
  displayName: text()
    .trim()
    .min(1, "must not be empty")
    .max(limits.displayNameMax, `must be at most ${limits.displayNameMax} characters`),
});
export type RegisterInput = z.infer<typeof registerSchema>;

export const loginSchema = z.strictObject({
  email: emailSchema,
  password: password
    .min(1, "must not be empty")
    .max(limits.passwordMax, `must be at most ${limits.passwordMax} characters`),
});
export type LoginInput = z.infer<typeof loginSchema>;

export const userSchema = z.object({
  id: z.uuid(),
  email: z.string(),
  displayName: z.string(),
  createdAt: z.iso.datetime(),
});
export type UserDto = z.infer<typeof userSchema>;
