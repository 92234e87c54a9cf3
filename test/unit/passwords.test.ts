// Password checks are blind to the Unicode form the characters were typed in, and to nothing else.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { hashPassword, verifyPassword } from "../../server/services/auth/passwords.ts";

const forms = ["NFC", "NFD", "NFKC", "NFKD"] as const;
// Strings rich in characters that have several forms: accents (precomposed or combining), Hangul, ligatures.
const password = fc
  .array(fc.constantFrom("a", "é", "e\u0301", "Å", "한", "ﬁ", "ｘ", "²", "ß", "😀", "\u200d", " ", "1"), {
    minLength: 1,
    maxLength: 16,
  })
  .map((parts) => parts.join(""));

describe("password normalization", () => {
  it("property: a password hashed in one form verifies in every other form", async () => {
    await fc.assert(
      fc.asyncProperty(password, fc.constantFrom(...forms), fc.constantFrom(...forms), async (text, a, b) => {
        const stored = await hashPassword(text.normalize(a));
        expect((await verifyPassword(stored, text.normalize(b))).valid).toBe(true);
      }),
      { numRuns: 12, seed: 6 },
    );
  });

  it("property: a different password does not verify", async () => {
    await fc.assert(
      fc.asyncProperty(password, password, async (text, other) => {
        fc.pre(text.normalize("NFKC") !== other.normalize("NFKC"));
        expect((await verifyPassword(await hashPassword(text), other)).valid).toBe(false);
      }),
      { numRuns: 8, seed: 6 },
    );
  });

  it("an unknown account never verifies, whatever is typed", async () => {
    expect(await verifyPassword(undefined, "e\u0301")).toEqual({ valid: false });
  });
});
