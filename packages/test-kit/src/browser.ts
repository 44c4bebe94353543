// Debian's Chromium, driven by playwright-core, for the e2e tests, the root dev-loop test and bench:web.
// Never Playwright's own browser downloads: this machine reaches no CDN, and CI installs the same
// Debian package (scripts/install-system-deps.sh).
import { constants } from 'node:fs';
import { access } from 'node:fs/promises';
import { chromium, type Browser } from 'playwright-core';

export const CHROMIUM = process.env.E2E_CHROMIUM ?? '/usr/bin/chromium';

// What works as root in this sandbox (see the machine notes). Playwright adds a fresh temporary
// --user-data-dir of its own to every launch, so no profile state leaks between runs.
const FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Throws (never skips) when the browser is missing: a skipped e2e suite reads as a green one. */
export async function assertChromiumInstalled(): Promise<void> {
  try {
    await access(CHROMIUM, constants.X_OK);
  } catch {
    throw new Error(
      `Chromium is needed at ${CHROMIUM}, which is not there. Install it with ` +
        '`scripts/install-system-deps.sh` (Debian/Ubuntu: apt-get install chromium), or point ' +
        'E2E_CHROMIUM at a Chromium binary. Do not use `npx playwright install`.',
    );
  }
}

export async function launchBrowser(): Promise<Browser> {
  await assertChromiumInstalled();
  return chromium.launch({ executablePath: CHROMIUM, args: FLAGS, timeout: 60_000 });
}
