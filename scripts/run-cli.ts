// How every command line ends: its exit code, and a failure a person can act on printed without a stack trace.

/** A mistake in the command's arguments: printed with the usage text. */
export class UsageError extends Error {}

/**
 * Runs `main` and sets the exit code. A UsageError (or node:util's argument errors) prints its message and `usage`;
 * an error `expected` says is the person's to fix prints its message; anything else is a bug, thrown as it is.
 */
export async function runCli(
  main: () => Promise<number>,
  usage: string,
  expected: (error: unknown) => error is Error,
): Promise<void> {
  try {
    process.exitCode = await main();
  } catch (error) {
    if (expected(error)) {
      process.stderr.write(`${error.message}\n`);
      process.exitCode = 1;
    } else if (
      error instanceof UsageError ||
      (error as { code?: string }).code?.startsWith("ERR_PARSE_ARGS")
    ) {
      process.stderr.write(`${(error as Error).message}\n\n${usage}\n`);
      process.exitCode = 1;
    } else {
      throw error;
    }
  }
}
