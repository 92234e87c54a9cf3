// Passwords are compared in one Unicode form (NFKC): the same characters typed as another sequence of code points
// sign in, and hashes stored before normalization keep working and are upgraded at the next sign-in.
import { hash } from "@node-rs/argon2";
import supertest from "supertest";
import { describe, expect, it } from "vitest";
import { verifyPassword } from "../../server/services/auth/passwords.ts";
import { buildTestApp, buildUser } from "../helpers/test-app.ts";

const { app, prisma } = buildTestApp();
const password = "Mañana-Größe-café-1";

const logIn = (email: string, typed: string) =>
  supertest(app).post("/api/auth/login").send({ email, password: typed });

describe("passwords in another Unicode form", () => {
  it("registered in NFC, signs in typed in NFD (and the other way round)", async () => {
    for (const [registered, typed] of [
      ["NFC", "NFD"],
      ["NFD", "NFC"],
    ] as const) {
      const user = buildUser({ password: password.normalize(registered) });
      await supertest(app).post("/api/auth/register").send(user).expect(201);
      expect(password.normalize(typed)).not.toBe(user.password);
      const res = await logIn(user.email, password.normalize(typed));
      expect(res.status).toBe(200);
      await logIn(user.email, password.normalize(typed).replace("1", "2")).expect(401);
    }
  });

  it("a hash stored the old way (the password as typed) still signs in, and is upgraded", async () => {
    // Compatibility characters that NFKC folds: full-width letters, a ligature, a superscript digit.
    const typed = "ｐａｓｓ-ﬁne-wörd²-long";
    const user = buildUser();
    const oldHash = await hash(typed, { algorithm: 2, memoryCost: 19_456, timeCost: 2, parallelism: 1 });
    const { id } = await prisma.user.create({
      data: { email: user.email, displayName: user.displayName, passwordHash: oldHash },
    });
    expect((await verifyPassword(oldHash, typed)).rehash).toBeDefined();
    await logIn(user.email, typed).expect(200);
    const upgraded = (await prisma.user.findUniqueOrThrow({ where: { id } })).passwordHash;
    expect(upgraded).not.toBe(oldHash);
    expect(await verifyPassword(upgraded, typed)).toEqual({ valid: true });
    // Now any form of the same characters signs in; a wrong password still does not.
    await logIn(user.email, typed.normalize("NFKC")).expect(200);
    await logIn(user.email, "pass-fine-wörd2-lonG").expect(401);
  });
});
