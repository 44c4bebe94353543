// Markdown in task descriptions and comments, in Chromium: written, saved and shown rendered (lists,
// task lists, code, tables, links), its renderer loaded only when a task is opened, and a hostile
// text shown as text, running nothing. Screenshots of the task dialog in both themes, both sizes.
import type { Locator, Page } from 'playwright-core';
import { addTask, createBoard, exact, newUser, openTask, signUp, visible } from './support/app.js';
import { checkA11y } from './support/axe.js';
import { screenshotsAtSizes } from './support/artifacts.js';
import { describe, expect, test } from './support/fixtures.js';

const DESCRIPTION = [
  '## Steps',
  '',
  '- [x] Draft the outline',
  '- [ ] Write each section, ~~all at once~~ one at a time',
  '- Ask for a review in [the style guide](https://example.com/style)',
  '',
  'Build it with `npm run build -w web-client`:',
  '',
  '```sh',
  'npm run build -w web-client && gzip -c web-client/dist/public/assets/index-*.js | wc -c # a line long enough to scroll',
  '```',
  '',
  '| Section | Owner | Words |',
  '| --- | --- | ---: |',
  '| Intro | Ada | 300 |',
  '| Setup | Bob | 1200 |',
].join('\n');

const COMMENT =
  '**Reviewed.** See `npm test` and [the checklist](https://example.com/checklist):\n\n1. spelling\n2. links';

/** The JavaScript files the page has loaded so far. */
const scripts = (page: Page) =>
  page.evaluate(() =>
    performance
      .getEntriesByType('resource')
      .map((entry) => entry.name)
      .filter((name) => name.endsWith('.js')),
  );

/** Whether the element's content is wider than its box (it scrolls sideways), and by how much. */
const overflow = (locator: Locator) => locator.evaluate((element) => element.scrollWidth - element.clientWidth);

describe('Markdown', () => {
  test('descriptions and comments are written in Markdown and shown rendered, in both themes', async ({ page }) => {
    await signUp(page, newUser('Marta Down'));
    await createBoard(page, 'Handbook');
    await addTask(page, 'To do', 'Write the guide');
    // the renderer is not part of the app's first load
    await page.reload();
    await visible(page.getByRole('heading', { level: 1, ...exact('Handbook') }));
    expect((await scripts(page)).filter((name) => /MarkdownRenderer/.test(name))).toEqual([]);

    const dialog = await openTask(page, 'Write the guide');
    const description = dialog.getByRole('textbox', exact('Description'));
    await visible(dialog.getByText('Markdown supported').first());
    await description.fill(DESCRIPTION);
    await dialog.getByRole('button', exact('Save')).click();
    await visible(dialog.getByText('Saved.'));

    // rendered: heading, task list, strikethrough, link, inline code, a code block, a table
    await visible(dialog.getByRole('heading', exact('Steps')));
    expect(await description.count()).toBe(0);
    const boxes = dialog.getByRole('checkbox', { name: /done/i });
    expect(
      await boxes.evaluateAll((all) => all.map((box) => [(box as HTMLInputElement).checked, box.ariaLabel])),
    ).toEqual([
      [true, 'Done'],
      [false, 'Not done'],
    ]);
    expect(await boxes.first().isDisabled()).toBe(true);
    await visible(dialog.locator('del', { hasText: 'all at once' }));
    const link = dialog.getByRole('link', { name: /the style guide/ });
    expect(await link.getAttribute('href')).toBe('https://example.com/style');
    expect(await link.getAttribute('target')).toBe('_blank');
    expect(await link.getAttribute('rel')).toBe('noopener noreferrer nofollow');
    await visible(dialog.locator('code', { hasText: 'npm run build -w web-client' }).first());
    const table = dialog.getByRole('table');
    expect(await table.getByRole('cell').allInnerTexts()).toEqual(['Intro', 'Ada', '300', 'Setup', 'Bob', '1200']);
    expect((await scripts(page)).filter((name) => /MarkdownRenderer/.test(name))).toHaveLength(1);

    // a comment in Markdown
    await dialog.getByRole('textbox', exact('Add a comment')).fill(COMMENT);
    await dialog.getByRole('button', exact('Comment')).click();
    const comment = dialog.locator('.comment', { hasText: 'Reviewed.' });
    await visible(comment.locator('strong', { hasText: 'Reviewed.' }));
    await visible(comment.getByRole('link', { name: /the checklist/ }));
    expect(await comment.getByRole('listitem').allInnerTexts()).toEqual(['spelling', 'links']);

    // kept on the server, rendered again after a reload
    await page.reload();
    await visible(dialog.getByRole('heading', exact('Steps')));
    await visible(dialog.locator('.comment strong', { hasText: 'Reviewed.' }));

    // on a phone the long code line scrolls inside its block; the dialog itself does not scroll sideways
    await page.setViewportSize({ width: 390, height: 844 });
    const code = dialog.locator('pre');
    expect(await overflow(code)).toBeGreaterThan(0);
    expect(await overflow(dialog)).toBe(0);
    expect(await overflow(page.locator('.dialog-backdrop'))).toBe(0);
    await page.setViewportSize({ width: 1280, height: 900 });

    // both themes: axe finds no serious problem, and the rendered Markdown is looked at
    const editDescription = dialog.getByRole('button', exact('Edit description'));
    await checkA11y(page, 'the task dialog with Markdown, light');
    await screenshotsAtSizes(page, 'markdown-description-light', editDescription);
    await screenshotsAtSizes(page, 'markdown-comments-light', comment);
    await page.emulateMedia({ colorScheme: 'dark' });
    await checkA11y(page, 'the task dialog with Markdown, dark');
    await screenshotsAtSizes(page, 'markdown-description-dark', editDescription);
    await screenshotsAtSizes(page, 'markdown-comments-dark', comment);

    // Edit shows the Markdown as written; Cancel goes back to it rendered
    await editDescription.click();
    expect(await description.inputValue()).toBe(DESCRIPTION);
    await screenshotsAtSizes(page, 'markdown-description-editing-dark', description);
    await dialog.getByRole('button', exact('Cancel editing the description')).click();
    await visible(dialog.getByRole('heading', exact('Steps')));
  });

  test('a hostile description or comment is shown as text and runs nothing', async ({ page }) => {
    const dialogs: string[] = [];
    page.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    await signUp(page, newUser('Mallory'));
    await createBoard(page, 'Mischief');
    await addTask(page, 'To do', 'Innocent task');
    const hostile = [
      '<script>alert("script")</script>',
      '',
      '<img src="/nowhere.png" onerror="alert(\'img\')">',
      '',
      '[click me](javascript:alert("link")) and <a href="javascript:alert(\'a\')">me</a>',
      '',
      '<iframe src="javascript:alert(\'frame\')"></iframe> <svg onload="alert(\'svg\')"></svg>',
    ].join('\n');

    let dialog = await openTask(page, 'Innocent task');
    await dialog.getByRole('textbox', exact('Description')).fill(hostile);
    await dialog.getByRole('button', exact('Save')).click();
    await visible(dialog.getByText('Saved.'));
    await dialog.getByRole('textbox', exact('Add a comment')).fill(hostile);
    await dialog.getByRole('button', exact('Comment')).click();
    await visible(dialog.locator('.comment', { hasText: '<script>alert("script")</script>' }));

    // again from the server, after a reload
    await page.reload();
    dialog = page.getByRole('dialog', exact('Edit task'));
    for (const shown of [dialog.locator('.description-view'), dialog.locator('.comment-body')]) {
      await visible(shown.getByText('<script>alert("script")</script>'));
      await visible(shown.getByText(/<img src="\/nowhere.png" onerror=/));
      expect(await shown.locator('script, img, iframe, svg, [onerror], [onload], [href^="javascript"]').count()).toBe(
        0,
      );
      expect(await shown.getByRole('link').count()).toBe(0);
      await visible(shown.getByText(/click me/));
    }
    // the text a link would have had is only text: clicking it goes nowhere and runs nothing
    await dialog.locator('.description-view').getByText('click me').click();
    expect(dialogs).toEqual([]);
    expect(page.url()).toMatch(/\/tasks\//);
    // and the page's console stayed clean (the session's guard fails the test otherwise)
  });
});
