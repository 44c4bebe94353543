// Details of the look that a reviewer notices at once, measured in Chromium at desktop size (1440x900):
// a tile's avatars hide none of each other's letters, a column over its WIP limit keeps its header
// level with the others, the task dialog's sticky header has nothing of the form showing above it, a
// board reloaded shows its skeleton from the start, and nothing in the frame moves when the account
// becomes known (the bench's layout shift), a closed "Manage labels" hides its list, and the footer of a
// short page is at the bottom of the window.
import type { Locator, Page } from 'playwright-core';
import {
  addTask,
  boardIdByName,
  column,
  createLabel,
  createBoard,
  exact,
  hidden,
  holdOperation,
  newUser,
  openTask,
  serverSettled,
  signUp,
  visible,
  type User,
} from './support/app.js';
import { describe, expect, test } from './support/fixtures.js';

const DESKTOP = { width: 1440, height: 900 };

/** Wide initials ("MW"), the ones most easily covered by the next badge. */
const named = (name: string): User => ({ ...newUser(), name });

/** For each badge of the stack but the last: how far its letters reach past where the next one's ring begins (px). */
const lettersCovered = (stack: Locator) =>
  stack.evaluate((group) => {
    const badges = [...group.querySelectorAll<HTMLElement>('.avatar')];
    return badges.slice(0, -1).map((badge, i) => {
      const range = document.createRange();
      range.selectNodeContents(badge);
      const letters = range.getBoundingClientRect();
      const next = badges[i + 1]!;
      const ring = parseFloat(getComputedStyle(next).boxShadow.match(/(\d+(?:\.\d+)?)px\s*$/)?.[1] ?? '0');
      return Math.round((letters.right - (next.getBoundingClientRect().left - ring)) * 10) / 10;
    });
  });

async function setWipLimit(page: Page, name: string, limit: string): Promise<void> {
  await page.getByRole('button', exact(`Column actions for "${name}"`)).click();
  await page.getByRole('button', exact('Rename or set WIP limit…')).click();
  const edit = page.getByRole('dialog', exact(`Edit column "${name}"`));
  await edit.getByRole('textbox', exact('WIP limit (optional)')).fill(limit);
  await edit.getByRole('button', exact('Save column')).click();
  await hidden(edit);
}

describe('polish', () => {
  test('a board tile’s avatars hide none of each other’s letters', async ({ page, openSession }) => {
    await page.setViewportSize(DESKTOP);
    const teammates = [named('Mary Wong'), named('Wendy Moss')];
    for (const teammate of teammates) await signUp((await openSession()).page, teammate);
    await signUp(page, named('Max Walker'));
    await createBoard(page, 'Crowded');
    const members = page.getByRole('region', exact('Members'));
    for (const teammate of teammates) {
      await members.getByRole('textbox', exact('Invite by email')).fill(teammate.email);
      await members.getByRole('button', exact('Invite')).click();
      await visible(members.getByText(`${teammate.name} is now a member.`));
    }
    await page.getByRole('navigation', exact('Main')).getByRole('link', exact('Boards')).click();
    const stack = page.getByRole('group', exact('3 members'));
    await visible(stack);
    const covered = await lettersCovered(stack);
    expect(covered).toHaveLength(2);
    for (const px of covered) expect(px).toBeLessThanOrEqual(0);
  });

  test('a column over its WIP limit keeps its header on one row, level with the others', async ({ page }) => {
    await page.setViewportSize(DESKTOP);
    await signUp(page, newUser());
    await createBoard(page, 'Limits');
    await page.getByRole('button', exact('Add column')).click();
    const add = page.getByRole('dialog', exact('Add a column'));
    await add.getByRole('textbox', exact('Column name')).fill('Review');
    await add.getByRole('combobox', exact('Where')).selectOption({ label: 'After In progress' });
    await add.getByRole('button', exact('Add column')).click();
    await hidden(add);
    await setWipLimit(page, 'Review', '1');
    for (const title of ['Check copy', 'Check links']) await addTask(page, 'Review', title);
    await visible(column(page, 'Review').getByText('2 tasks, over its limit of 1'));
    await serverSettled(page);

    const headers = await page
      .locator('.column-header')
      .evaluateAll((all) => all.map((header) => Math.round(header.getBoundingClientRect().height)));
    expect(headers).toHaveLength(4);
    expect(new Set(headers).size).toBe(1);
    // its menu on the same row as its name
    const review = column(page, 'Review');
    const [name, menu] = await Promise.all([
      review.getByRole('heading', exact('Review')).boundingBox(),
      review.getByRole('button', exact('Column actions for "Review"')).boundingBox(),
    ]);
    expect(Math.abs(name!.y + name!.height / 2 - (menu!.y + menu!.height / 2))).toBeLessThan(4);
  });

  test('the task dialog scrolled: its header is at the window’s top, with nothing of the form above it', async ({
    page,
  }) => {
    await page.setViewportSize(DESKTOP);
    await signUp(page, newUser());
    await createBoard(page, 'Scrolled');
    await addTask(page, 'To do', 'A long task');
    await serverSettled(page);
    const dialog = await openTask(page, 'A long task');
    await visible(dialog.getByRole('textbox', exact('Add a comment')));
    await page.locator('.dialog-backdrop').evaluate((backdrop) => backdrop.scrollBy(0, 400));
    const top = await dialog.evaluate((element) => {
      const header = element.querySelector('.dialog-header')!.getBoundingClientRect();
      // what is drawn at the middle of the strip between the window's top and the header, if any
      const above = header.top >= 1 ? document.elementFromPoint(header.left + 40, header.top / 2) : null;
      return { header: header.top, dialogAbove: above !== null && element.contains(above) };
    });
    expect(top).toEqual({ header: 0, dialogAbove: false });
  });

  test('a board reloaded while the account is checked shows the board’s skeleton, not a spinner', async ({ page }) => {
    await signUp(page, newUser());
    await createBoard(page, 'Reloaded');
    const release = await holdOperation(page, 'Viewer');
    await page.reload();
    await visible(page.getByRole('status').filter({ hasText: 'Loading board…' }));
    expect(await page.getByText('Loading your account…').count()).toBe(0);
    release();
    await visible(page.getByRole('heading', { level: 1, ...exact('Reloaded') }));
    await page.unroute('**/graphql');
  });

  test('the header moves nothing when the account becomes known: same height, the theme choice in place', async ({
    page,
  }) => {
    await page.setViewportSize(DESKTOP);
    await signUp(page, newUser());
    await createBoard(page, 'Steady');
    // the board's first paint comes before the account is known (as on a real network), held until then
    const release = await holdOperation(page, 'Viewer');
    await page.addInitScript(() => {
      const shifted: string[] = [];
      Object.assign(window, { shifted });
      new PerformanceObserver((list) => {
        for (const entry of list.getEntries() as unknown as { sources: { node?: Node | null }[] }[])
          for (const source of entry.sources) {
            const node = source.node as HTMLElement | null | undefined;
            shifted.push(node ? `${node.nodeName.toLowerCase()}${node.className ? `.${node.className}` : ''}` : '?');
          }
      }).observe({ type: 'layout-shift', buffered: true });
    });
    await page.reload();
    await visible(page.getByRole('status').filter({ hasText: 'Loading board…' }));
    const picker = page.getByRole('combobox', exact('Colour theme'));
    const before = { header: await page.getByRole('banner').boundingBox(), picker: await picker.boundingBox() };
    release();
    await visible(page.getByRole('button', exact('Sign out')));
    await visible(page.getByRole('heading', { level: 1, ...exact('Steady') }));
    const after = { header: await page.getByRole('banner').boundingBox(), picker: await picker.boundingBox() };
    expect(after).toEqual(before);
    const shifted = await page.evaluate(() => (window as unknown as { shifted: string[] }).shifted);
    expect(shifted.filter((node) => /^(main|header|a\.brand|div\.theme-picker)/.test(node))).toEqual([]);
    await page.unroute('**/graphql');
  });

  test('the task dialog’s “Manage labels” list is shown only once opened', async ({ page }) => {
    await page.setViewportSize(DESKTOP);
    await signUp(page, newUser());
    await createBoard(page, 'Labelled');
    await createLabel(page, await boardIdByName(page, 'Labelled'), 'urgent');
    await addTask(page, 'To do', 'Tag me');
    await serverSettled(page);
    const dialog = await openTask(page, 'Tag me');
    const manage = dialog.getByRole('button', exact('Manage labels'));
    await visible(manage);
    const rename = dialog.getByRole('button', exact('Edit label urgent'));
    expect(await manage.getAttribute('aria-expanded')).toBe('false');
    expect(await rename.isVisible()).toBe(false);
    await manage.click();
    expect(await manage.getAttribute('aria-expanded')).toBe('true');
    await visible(rename);
  });

  test('a short page’s footer is at the bottom of the window', async ({ page }) => {
    await page.setViewportSize(DESKTOP);
    await signUp(page, newUser());
    const footer = page.getByRole('contentinfo');
    await visible(footer);
    const box = await footer.boundingBox();
    expect(Math.round(box!.y + box!.height)).toBe(DESKTOP.height);
  });
});
