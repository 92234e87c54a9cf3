// Checks an email and password and opens a session; failures are indistinguishable by message and timing.
import type { LoginInput } from "../../../shared/schemas/auth.ts";
import { AppError } from "../../domain/app-error.ts";
import { findUserByEmail, updatePasswordHash } from "../../data/users.ts";
import type { ServiceContext } from "../context.ts";
import { verifyPassword } from "./passwords.ts";
import { startSession, type ClientInfo } from "./start-session.ts";

export async function logIn(ctx: ServiceContext, input: LoginInput, client: ClientInfo) {
  const user = await findUserByEmail(ctx.db, input.email);
  const check = await verifyPassword(user?.passwordHash, input.password);
  if (!user || !check.valid) throw new AppError("invalid_credentials", "Email or password is incorrect.");
  // A hash stored before passwords were normalized is replaced while the password is at hand.
  if (check.rehash) await updatePasswordHash(ctx.db, user.id, check.rehash);
  const session = await startSession(ctx, user.id, client);
  return { user, session };
}
