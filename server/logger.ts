// The process-wide structured logger (pino); secrets and cookies are redacted.
import { pino, type DestinationStream, type Logger } from "pino";

/** The server's logger, writing JSON lines to `destination` (stdout unless a test captures them). */
export function createLogger(level: string, destination?: DestinationStream): Logger {
  return pino(
    {
      level,
      base: { service: "scholia" },
      redact: {
        paths: [
          "req.headers.cookie",
          "req.headers.authorization",
          'res.headers["set-cookie"]',
          "*.password",
          "*.token",
        ],
        censor: "[redacted]",
      },
    },
    destination,
  );
}
