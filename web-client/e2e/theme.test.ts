// Both colour schemes in Chromium: the system's dark setting (prefers-color-scheme) gives the dark
// theme, the header's choice overrides it and survives a reload, and axe finds no contrast or other
// serious problem on the main screens in either. Screenshots at desktop and mobile sizes.
import type { Page } from 'playwright-core';
import { addTask, createBoard, exact, newUser, signUp, visible } from './support/app.js';
import { checkA11y } from './support/axe.js';
import { screenshotsAtSizes } from './support/artifacts.js';
import { describe, expect, test } from './support/fixtures.js';

const shots = screenshotsAtSizes;

/** The page's background as the browser computed it: dark or light. */
const isDark = (page: Page) =>
  page.evaluate(() => {
    const [r, g, b] = getComputedStyle(document.documentElement).backgroundColor.match(/\d+/g)!.map(Number) as [
      number,
      number,
      number,
    ];
    return 0.2126 * r + 0.7152 * g + 0.0722 * b < 128;
  });

describe('colour themes', () => {
  test('dark when the system is dark, light when chosen, each passing axe on the main screens', async ({ page }) => {
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.goto('/signin');
    await visible(page.getByRole('heading', exact('Sign in')));
    expect(await isDark(page)).toBe(true);
    await checkA11y(page, 'the sign-in page, dark');

    await signUp(page, newUser('Night Owl'));
    await createBoard(page, 'After hours');
    await visible(page.getByRole('heading', { level: 1, ...exact('After hours') }));
    for (const title of ['Check the backups', 'Write the notes']) await addTask(page, 'To do', title);
    await checkA11y(page, 'a board, dark');
    await shots(page, 'theme-dark-board');

    // the header's choice wins over the system's, and is kept
    await page.getByRole('combobox', exact('Colour theme')).selectOption({ label: 'Light' });
    expect(await isDark(page)).toBe(false);
    await page.reload();
    await visible(page.getByRole('heading', { level: 1, ...exact('After hours') }));
    expect(await isDark(page)).toBe(false);
    await checkA11y(page, 'a board, light');
    await shots(page, 'theme-light-board');

    await page.getByRole('combobox', exact('Colour theme')).selectOption({ label: 'System theme' });
    expect(await isDark(page)).toBe(true);
  });
});
