// Configuration parsing: defaults, derived values and readable errors.
import { describe, expect, it } from "vitest";
import { ConfigError, parseEnv, redactUrlPassword } from "../../server/config/env.ts";

describe("parseEnv", () => {
  it("has working defaults", () => {
    const config = parseEnv({});
    expect(config).toMatchObject({
      port: 3000,
      host: "127.0.0.1",
      dataDir: "./data",
      databaseUrl: undefined,
    });
    expect(config.publicUrl).toBe("http://127.0.0.1:3000");
    expect(config.secureCookies).toBe(false);
  });

  it("uses secure cookies behind an https public URL", () => {
    const config = parseEnv({ PUBLIC_URL: "https://read.example.org/" });
    expect(config.publicUrl).toBe("https://read.example.org");
    expect(config.secureCookies).toBe(true);
  });

  it("treats empty variables as unset", () => {
    expect(parseEnv({ DATABASE_URL: "", PORT: "" }).port).toBe(3000);
  });

  it("names every invalid variable and the expected form", () => {
    const attempt = () => parseEnv({ PORT: "eighty", DATABASE_URL: "mysql://x", LOG_LEVEL: "loud" });
    expect(attempt).toThrow(ConfigError);
    try {
      attempt();
    } catch (error) {
      const message = (error as Error).message;
      expect(message).toContain('PORT="eighty": expected a port number');
      expect(message).toContain('DATABASE_URL="mysql://x": expected a URL like postgresql://');
      expect(message).toContain('LOG_LEVEL="loud": expected one of fatal, error, warn, info');
    }
  });

  it("refuses a short session secret", () => {
    expect(() => parseEnv({ SESSION_SECRET: "short" })).toThrow(
      /SESSION_SECRET="short": expected at least 32/,
    );
  });

  it("reads TRUST_PROXY in express's forms and trusts no proxy by default", () => {
    expect(parseEnv({}).trustProxy).toBe(false);
    expect(parseEnv({ TRUST_PROXY: "false" }).trustProxy).toBe(false);
    expect(parseEnv({ TRUST_PROXY: "0" }).trustProxy).toBe(false);
    expect(parseEnv({ TRUST_PROXY: "1" }).trustProxy).toBe(1);
    expect(parseEnv({ TRUST_PROXY: "true" }).trustProxy).toBe(true);
    expect(parseEnv({ TRUST_PROXY: "loopback" }).trustProxy).toEqual(["loopback"]);
    expect(
      parseEnv({ TRUST_PROXY: " 10.0.0.1, 172.16.0.0/12,::1, fd00::/8 ,uniquelocal" }).trustProxy,
    ).toEqual(["10.0.0.1", "172.16.0.0/12", "::1", "fd00::/8", "uniquelocal"]);
    expect(parseEnv({ TRUST_PROXY: "10.0.0.0/255.0.0.0" }).trustProxy).toEqual(["10.0.0.0/255.0.0.0"]);
  });

  it("refuses a TRUST_PROXY that is none of those forms, saying which forms are accepted", () => {
    for (const value of [
      "yes",
      "-1",
      "1.5",
      "10.0.0.300",
      "10.0.0.0/33",
      "::1/129",
      "proxy.example.org",
      ",",
    ]) {
      let message = "";
      try {
        parseEnv({ TRUST_PROXY: value });
      } catch (error) {
        expect(error).toBeInstanceOf(ConfigError);
        message = (error as Error).message;
      }
      expect(message).toContain(
        `TRUST_PROXY=${JSON.stringify(value)}: expected false, true, a number of proxy hops`,
      );
    }
  });

  it("leaves e-mail off without SMTP_URL, and defaults the sender and the digest hour when it is set", () => {
    expect(parseEnv({ EMAIL_DIGEST_HOUR: "9" }).email).toBeUndefined();
    expect(
      parseEnv({
        SMTP_URL: "smtps://mailer:secret@mail.example.org:465",
        PUBLIC_URL: "https://read.example.org:8443",
      }).email,
    ).toEqual({
      smtpUrl: "smtps://mailer:secret@mail.example.org:465",
      from: "Scholia <scholia@read.example.org>",
      digestHourUtc: 7,
    });
    expect(
      parseEnv({
        SMTP_URL: "smtp://mail.example.org",
        EMAIL_FROM: "Readers <readers@example.org>",
        EMAIL_DIGEST_HOUR: "0",
      }).email,
    ).toMatchObject({ from: "Readers <readers@example.org>", digestHourUtc: 0 });
  });

  it("refuses bad e-mail settings, naming each, without showing the SMTP password", () => {
    let message = "";
    try {
      parseEnv({
        SMTP_URL: "http://mailer:hunter2@mail.example.org",
        EMAIL_FROM: "nobody",
        EMAIL_DIGEST_HOUR: "24",
      });
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toContain(
      'SMTP_URL="http://mailer:[redacted]@mail.example.org": expected a URL like smtp://',
    );
    expect(message).toContain('EMAIL_FROM="nobody": expected an address');
    expect(message).toContain('EMAIL_DIGEST_HOUR="24": expected an hour of the day in UTC, 0 to 23');
    expect(message).not.toContain("hunter2");
  });

  it("hides the whole password of a URL, even one holding an @", () => {
    expect(redactUrlPassword("smtp://me:p@ss:w@host:587")).toBe("smtp://me:[redacted]@host:587");
    expect(redactUrlPassword("smtp://host:587")).toBe("smtp://host:587");
  });
});
