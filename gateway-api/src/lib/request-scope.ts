// The request being handled, for code that runs on its behalf but is not handed it (Apollo's
// formatError, the services' log lines): its logger, which carries the request id.
import { AsyncLocalStorage } from 'node:async_hooks';
import type { Logger } from './logger.js';

const scope = new AsyncLocalStorage<Logger>();

/** Runs fn, and everything it awaits, as part of the request whose logger this is. */
export function inRequestScope<T>(logger: Logger, fn: () => T): T {
  return scope.run(logger, fn);
}

/** The logger of the request being handled, if any. */
export function requestLogger(): Logger | undefined {
  return scope.getStore();
}
