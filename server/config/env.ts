// Parses the process environment once into a typed configuration, failing with a message that names the variable.
import { z } from "zod";
import { parseTrustProxy, trustProxyForms, type TrustProxy } from "./trust-proxy.ts";

const logLevels = ["fatal", "error", "warn", "info", "debug", "trace", "silent"] as const;

const postgresUrl = z.string().refine((value) => /^postgres(ql)?:\/\/.+/.test(value) && URL.canParse(value), {
  message: "expected a URL like postgresql://user:password@host:5432/database",
});

const envSchema = z.object({
  PORT: z.coerce
    .number({ error: "expected a port number between 0 and 65535" })
    .int("expected a port number between 0 and 65535")
    .min(0, "expected a port number between 0 and 65535")
    .max(65535, "expected a port number between 0 and 65535")
    .default(3000),
  HOST: z.string().min(1, "expected a host name or address such as 127.0.0.1").default("127.0.0.1"),
  DATABASE_URL: postgresUrl.optional(),
  DATA_DIR: z.string().min(1, "expected a directory path").default("./data"),
  PUBLIC_URL: z
    .string()
    .refine((value) => /^https?:\/\/[^/]+/.test(value) && URL.canParse(value), {
      message: "expected an http(s) URL such as https://scholia.example.org",
    })
    .optional(),
  LOG_LEVEL: z.enum(logLevels, { error: `expected one of ${logLevels.join(", ")}` }).default("info"),
  REDIS_URL: z
    .string()
    .refine((value) => /^rediss?:\/\/.+/.test(value) && URL.canParse(value), {
      message: "expected a URL like redis://127.0.0.1:6379",
    })
    .optional(),
  REDIS_PREFIX: z
    .string()
    .regex(/^[\w.:-]{1,64}$/, "expected up to 64 letters, digits, dots, colons, dashes or underscores")
    .default("scholia"),
  SESSION_SECRET: z.string().min(32, "expected at least 32 characters of random text").optional(),
  SESSION_TTL_DAYS: z.coerce
    .number({ error: "expected a number of days" })
    .positive("expected a positive number of days")
    .max(365, "expected at most 365 days")
    .default(30),
  DATABASE_POOL_SIZE: z.coerce
    .number({ error: "expected a whole number" })
    .int("expected a whole number")
    .min(1, "expected at least 1")
    .max(100, "expected at most 100")
    .default(10),
  MUTATIONS_PER_MINUTE: z.coerce
    .number({ error: "expected a whole number (0 turns the limit off)" })
    .int("expected a whole number (0 turns the limit off)")
    .min(0, "expected a whole number (0 turns the limit off)")
    .default(600),
  DEMO: z.enum(["on", "off"], { error: "expected on or off" }).default("on"),
  SMTP_URL: z
    .string()
    .refine((value) => /^smtps?:\/\/[^/]+/.test(value) && URL.canParse(value), {
      message: "expected a URL like smtp://user:password@mail.example.org:587 or smtps://…:465",
    })
    .optional(),
  EMAIL_FROM: z
    .string()
    .regex(/^(?:[^<>\r\n]*<[^<>@\s]+@[^<>@\s]+>|[^<>@\s]+@[^<>@\s]+)$/, {
      message: 'expected an address such as scholia@example.org or "Scholia <scholia@example.org>"',
    })
    .optional(),
  EMAIL_DIGEST_HOUR: z.coerce
    .number({ error: "expected an hour of the day in UTC, 0 to 23" })
    .int("expected an hour of the day in UTC, 0 to 23")
    .min(0, "expected an hour of the day in UTC, 0 to 23")
    .max(23, "expected an hour of the day in UTC, 0 to 23")
    .default(7),
  TRUST_PROXY: z
    .string()
    .transform((value, context) => {
      const parsed = parseTrustProxy(value);
      if (parsed === undefined) context.addIssue({ code: "custom", message: trustProxyForms });
      return parsed ?? false;
    })
    .default(false),
});

/** Where and how notification e-mails go out; absent when SMTP_URL is unset (in-app notifications only). */
export interface EmailConfig {
  /** smtp:// or smtps:// with credentials: never log it (see redactUrlPassword). */
  smtpUrl: string;
  /** The From header, "Name <address>" or a bare address. */
  from: string;
  /** The hour (UTC, 0–23) from which each day's digest goes out. */
  digestHourUtc: number;
}

/** Configuration as read from the environment, before secrets are resolved. */
export interface EnvConfig {
  port: number;
  host: string;
  databaseUrl: string | undefined;
  dataDir: string;
  publicUrl: string;
  secureCookies: boolean;
  logLevel: (typeof logLevels)[number];
  redisUrl: string | undefined;
  /** Prefix of the Redis channels (several deployments or test runs sharing one Redis). */
  redisPrefix: string;
  sessionSecret: string | undefined;
  sessionTtlMs: number;
  databasePoolSize: number;
  demo: boolean;
  mutationsPerMinute: number;
  /** Which proxies' X-Forwarded-For to believe (express "trust proxy"); false: none, the peer is the client. */
  trustProxy: TrustProxy;
  email: EmailConfig | undefined;
}

/** Raised when the environment holds an invalid value; its message is meant for the operator. */
export class ConfigError extends Error {
  override name = "ConfigError";
}

/** Reads and validates the environment; throws ConfigError naming every invalid variable. */
export function parseEnv(env: NodeJS.ProcessEnv): EnvConfig {
  const emptyAsUnset = Object.fromEntries(
    Object.keys(envSchema.shape).map((key) => [key, env[key] === "" ? undefined : env[key]]),
  );
  const result = envSchema.safeParse(emptyAsUnset);
  if (!result.success) {
    const lines = result.error.issues.map((issue) => {
      const name = String(issue.path[0]);
      const value = env[name] ?? "";
      const shown = name === "SMTP_URL" ? redactUrlPassword(value) : value;
      return `  ${name}=${JSON.stringify(shown)}: ${issue.message}`;
    });
    throw new ConfigError(`Invalid configuration:\n${lines.join("\n")}`);
  }
  const parsed = result.data;
  const publicUrl = (parsed.PUBLIC_URL ?? `http://${displayHost(parsed.HOST)}:${parsed.PORT}`).replace(
    /\/+$/,
    "",
  );
  return {
    port: parsed.PORT,
    host: parsed.HOST,
    databaseUrl: parsed.DATABASE_URL,
    dataDir: parsed.DATA_DIR,
    publicUrl,
    secureCookies: publicUrl.startsWith("https://"),
    logLevel: parsed.LOG_LEVEL,
    redisUrl: parsed.REDIS_URL,
    redisPrefix: parsed.REDIS_PREFIX,
    sessionSecret: parsed.SESSION_SECRET,
    sessionTtlMs: parsed.SESSION_TTL_DAYS * 24 * 60 * 60 * 1000,
    databasePoolSize: parsed.DATABASE_POOL_SIZE,
    demo: parsed.DEMO === "on",
    mutationsPerMinute: parsed.MUTATIONS_PER_MINUTE,
    trustProxy: parsed.TRUST_PROXY,
    email: parsed.SMTP_URL
      ? {
          smtpUrl: parsed.SMTP_URL,
          from: parsed.EMAIL_FROM ?? `Scholia <scholia@${new URL(publicUrl).hostname}>`,
          digestHourUtc: parsed.EMAIL_DIGEST_HOUR,
        }
      : undefined,
  };
}

/** `url` with its password (the part between "user:" and "@") replaced, for logs and error messages. */
export function redactUrlPassword(url: string): string {
  return url.replace(/^([a-z][\w+.-]*:\/\/[^/?#@:]*:)[^/?#]*@/i, "$1[redacted]@");
}

function displayHost(host: string): string {
  if (host === "0.0.0.0" || host === "::") return "localhost";
  return host.includes(":") ? `[${host}]` : host;
}
