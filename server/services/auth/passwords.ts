// Password hashing with argon2id, plus a decoy verification so unknown emails cost the same time as known ones.
import { hash, verify } from "@node-rs/argon2";
import { randomBytes } from "node:crypto";

// OWASP's recommended argon2id floor: 19 MiB, 2 passes, 1 lane.
// 2 is Algorithm.Argon2id (an ambient const enum, which isolated modules cannot reference).
const options = { algorithm: 2, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

let decoyHash: Promise<string> | undefined;

export function hashPassword(password: string): Promise<string> {
  return hash(password, options);
}

/** Verifies `password` against `passwordHash`; with no hash, spends the same effort and returns false. */
export async function verifyPassword(passwordHash: string | undefined, password: string): Promise<boolean> {
  if (passwordHash) return verify(passwordHash, password).catch(() => false);
  decoyHash ??= hash(randomBytes(16).toString("hex"), options);
  await verify(await decoyHash, password).catch(() => false);
  return false;
}
