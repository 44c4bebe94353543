// Small helpers shared by the command-line entry points (migrate, and the dev tools' seed).
import { realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** true when the module at `importMetaUrl` is the script node was asked to run */
export function isMainModule(importMetaUrl: string): boolean {
  const entry = process.argv[1];
  if (!entry) return false;
  try {
    return realpathSync(entry) === realpathSync(fileURLToPath(importMetaUrl));
  } catch {
    return false;
  }
}

/** Runs a CLI body: prints an error's message (no stack for expected errors) and sets the exit code. */
export function runCli(main: () => Promise<void>): void {
  main().then(
    () => {
      process.exitCode ??= 0;
    },
    (error: unknown) => {
      const expected =
        error instanceof Error &&
        ['ConfigError', 'MigrationError', 'UsageError', 'DatabaseTlsError'].includes(error.name);
      console.error(expected ? `error: ${error.message}` : error);
      process.exitCode = 1;
    },
  );
}

export class UsageError extends Error {
  override name = 'UsageError';
}
