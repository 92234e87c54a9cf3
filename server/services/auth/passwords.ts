// Password hashing with argon2id over the NFKC form of the password (NIST SP 800-63B §5.1.1.2), plus a decoy
// verification so unknown emails cost the same time as known ones.
import { hash, verify } from "@node-rs/argon2";
import { randomBytes } from "node:crypto";

// OWASP's recommended argon2id floor: 19 MiB, 2 passes, 1 lane.
// 2 is Algorithm.Argon2id (an ambient const enum, which isolated modules cannot reference).
const options = { algorithm: 2, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

let decoyHash: Promise<string> | undefined;

/**
 * The form a password is hashed in: the same characters typed on another keyboard or system (é as one code point
 * or as e + U+0301, a full-width digit) give the same password.
 */
export function normalizePassword(password: string): string {
  return password.normalize("NFKC");
}

export function hashPassword(password: string): Promise<string> {
  return hash(normalizePassword(password), options);
}

/** The outcome of a password check; `rehash` is set when the stored hash predates normalization. */
export interface PasswordCheck {
  valid: boolean;
  /** A hash of the normalized password to store in place of the old one. */
  rehash?: string;
}

/**
 * Verifies `password` against `passwordHash`: first its normalized form, then (for hashes stored before passwords
 * were normalized) the password exactly as typed, which asks for a rehash. With no hash, spends the same effort
 * and is invalid.
 */
export async function verifyPassword(
  passwordHash: string | undefined,
  password: string,
): Promise<PasswordCheck> {
  const normalized = normalizePassword(password);
  const stored = passwordHash ?? (await (decoyHash ??= hash(randomBytes(16).toString("hex"), options)));
  const matches = (candidate: string) => verify(stored, candidate).catch(() => false);
  // The decoy takes the same steps as a wrong password for a real account.
  const normalizedMatches = await matches(normalized);
  if (normalizedMatches && passwordHash) return { valid: true };
  if (normalized === password) return { valid: false };
  const rawMatches = await matches(password);
  if (!rawMatches || !passwordHash) return { valid: false };
  return { valid: true, rehash: await hashPassword(password) };
}
