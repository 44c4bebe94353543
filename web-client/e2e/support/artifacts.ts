// Screenshots for people to look at (CI uploads e2e/artifacts/); never compared by the tests.
import { mkdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import type { Locator, Page } from 'playwright-core';

export const ARTIFACTS_DIR = fileURLToPath(new URL('../artifacts/', import.meta.url));

export function artifactName(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 100);
}

/** Saves a full-page PNG (or only the window's: `fullPage: false`) as e2e/artifacts/<name>.png and returns its path. */
export async function screenshot(page: Page, name: string, { fullPage = true } = {}): Promise<string> {
  await mkdir(ARTIFACTS_DIR, { recursive: true });
  const file = path.join(ARTIFACTS_DIR, `${artifactName(name)}.png`);
  await page.screenshot({ path: file, fullPage, animations: 'disabled' });
  return file;
}

/** The sizes the product is looked at in: desktop and mobile. */
export const SCREEN_SIZES = [
  ['desktop', 1440, 900],
  ['mobile', 390, 844],
] as const;

/**
 * The page at each of SCREEN_SIZES, as `name`-desktop and `name`-mobile screenshots, then back to its
 * own size. `show` is scrolled into view first: a dialog scrolls inside its fixed backdrop, which a
 * full-page screenshot shows only as far as the window reaches.
 */
export async function screenshotsAtSizes(
  page: Page,
  name: string,
  show?: Locator,
  options: { fullPage?: boolean } = {},
): Promise<void> {
  const viewport = page.viewportSize();
  for (const [size, width, height] of SCREEN_SIZES) {
    await page.setViewportSize({ width, height });
    await show?.scrollIntoViewIfNeeded();
    await screenshot(page, `${name}-${size}`, options);
  }
  if (viewport) await page.setViewportSize(viewport);
}
