// Creates an account and signs it in.
import type { RegisterInput } from "../../../shared/schemas/auth.ts";
import { isUniqueViolation } from "../../data/db.ts";
import { insertUser } from "../../data/users.ts";
import { AppError } from "../../domain/app-error.ts";
import type { ServiceContext } from "../context.ts";
import { hashPassword } from "./passwords.ts";
import { startSession, type ClientInfo } from "./start-session.ts";

export async function registerUser(ctx: ServiceContext, input: RegisterInput, client: ClientInfo) {
  const passwordHash = await hashPassword(input.password);
  const user = await insertUser(ctx.db, {
    email: input.email,
    displayName: input.displayName,
    passwordHash,
  }).catch((error: unknown) => {
    if (isUniqueViolation(error)) {
      throw new AppError("email_taken", "An account with this email already exists. Sign in instead.", [
        { field: "email", message: "is already registered" },
      ]);
    }
    throw error;
  });
  const session = await startSession(ctx, user.id, client);
  return { user, session };
}
