// Fails a test on any console error, uncaught page error or Content-Security-Policy violation:
// under a strict CSP a blocked style or script is otherwise only a line in a console nobody reads.
import type { BrowserContext, Page } from 'playwright-core';
import { operationOf } from './app.js';

const CSP_BINDING = '__e2eReportCspViolation';

interface CspViolation {
  directive: string;
  blocked: string;
  source: string;
  line: number;
  sample: string;
}

export interface PageGuard {
  /** Problems seen so far, one line each. */
  problems(): string[];
  /** Ignores console errors, and /graphql HTTP errors as this guard words them ("HTTP 502 from /graphql for ..."),
   * matching `pattern` for the rest of the test (say why where you call it). */
  allowConsoleError(pattern: RegExp): void;
}

/** Install on a context before it opens pages: the CSP listener must run before any page script. */
export async function guardContext(context: BrowserContext): Promise<PageGuard> {
  const problems: string[] = [];
  const allowed: RegExp[] = [];
  await context.exposeBinding(CSP_BINDING, ({ page }, violation: CspViolation) => {
    problems.push(
      `CSP violation on ${page.url()}: ${violation.directive} blocked ${violation.blocked || 'inline'} ` +
        `(${violation.source}:${violation.line}) ${violation.sample}`.trim(),
    );
  });
  // Init scripts run through the DevTools protocol, which the page's own CSP does not govern.
  await context.addInitScript((binding: string) => {
    document.addEventListener('securitypolicyviolation', (event) => {
      const report = (window as unknown as Record<string, (v: unknown) => void>)[binding];
      report?.({
        directive: event.effectiveDirective,
        blocked: event.blockedURI,
        source: event.sourceFile,
        line: event.lineNumber,
        sample: event.sample,
      });
    });
  }, CSP_BINDING);

  const watch = (page: Page) => {
    page.on('console', (message) => {
      if (message.type() !== 'error') return;
      const text = message.text();
      if (allowed.some((pattern) => pattern.test(text))) return;
      const where = message.location();
      problems.push(`console error on ${page.url()}: ${text}${where.url ? ` (${where.url}:${where.lineNumber})` : ''}`);
    });
    page.on('pageerror', (error) => problems.push(`uncaught error on ${page.url()}: ${error.stack ?? error.message}`));
    // The console only says "Failed to load resource: 400"; the API's answer says why.
    page.on('response', async (response) => {
      if (response.status() < 400 || !new URL(response.url()).pathname.endsWith('/graphql')) return;
      // not JSON: reported with its body below
      const operation = operationOf(response.request()) ?? '?';
      const body = await response.text().catch(() => '(no body)');
      const problem = `HTTP ${response.status()} from /graphql for ${operation}: ${body.slice(0, 500)}`;
      // a test that takes the API down expects its 502s (allowConsoleError matches this text too)
      if (!allowed.some((pattern) => pattern.test(problem))) problems.push(problem);
    });
  };
  context.pages().forEach(watch);
  context.on('page', watch);

  return {
    problems: () => [...problems],
    allowConsoleError: (pattern) => allowed.push(pattern),
  };
}
