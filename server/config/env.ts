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
  TRUST_PROXY: z
    .string()
    .transform((value, context) => {
      const parsed = parseTrustProxy(value);
      if (parsed === undefined) context.addIssue({ code: "custom", message: trustProxyForms });
      return parsed ?? false;
    })
    .default(false),
});

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
  sessionSecret: string | undefined;
  sessionTtlMs: number;
  databasePoolSize: number;
  demo: boolean;
  mutationsPerMinute: number;
  /** Which proxies' X-Forwarded-For to believe (express "trust proxy"); false: none, the peer is the client. */
  trustProxy: TrustProxy;
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
    const lines = result.error.issues.map(
      (issue) =>
        `  ${String(issue.path[0])}=${JSON.stringify(env[String(issue.path[0])] ?? "")}: ${issue.message}`,
    );
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
    sessionSecret: parsed.SESSION_SECRET,
    sessionTtlMs: parsed.SESSION_TTL_DAYS * 24 * 60 * 60 * 1000,
    databasePoolSize: parsed.DATABASE_POOL_SIZE,
    demo: parsed.DEMO === "on",
    mutationsPerMinute: parsed.MUTATIONS_PER_MINUTE,
    trustProxy: parsed.TRUST_PROXY,
  };
}

function displayHost(host: string): string {
  if (host === "0.0.0.0" || host === "::") return "localhost";
  return host.includes(":") ? `[${host}]` : host;
}
