// The GraphiQL playground: loaded on demand, working under the production CSP, with the session.
import { checkA11y, type KnownViolation } from './support/axe.js';
import { screenshot } from './support/artifacts.js';
import { exact, expectText, hidden, newUser, signUp, visible } from './support/app.js';
import { describe, expect, test } from './support/fixtures.js';

// GraphiQL 5 renders each tab as role="tab" holding the tab's button and its close button, which
// axe calls nested-interactive. That markup is inside GraphiQL (@graphiql/react Tab), not ours.
const GRAPHIQL_KNOWN: KnownViolation[] = [
  {
    rule: 'nested-interactive',
    elements: ['class="graphiql-tab'],
    reason: "GraphiQL's tab markup (role=tab containing buttons); upstream, not fixable from props",
  },
];

describe('playground', () => {
  test('is not part of the initial load, and runs operations with the signed-in session', async ({ page }) => {
    const scripts: string[] = [];
    page.on('response', (response) => {
      if (response.request().resourceType() === 'script') scripts.push(new URL(response.url()).pathname);
    });
    const user = newUser('Grace Hopper');
    await signUp(page, user);
    const beforePlayground = [...scripts];
    expect(beforePlayground.filter((s) => /playground|monaco|graphiql/i.test(s))).toEqual([]);

    await page.getByRole('contentinfo').getByRole('link', exact('GraphQL playground')).click();
    await page.waitForURL('**/playground');
    const editor = page.getByRole('region', exact('Operation Editor'));
    await visible(editor.getByRole('textbox'));
    expect(scripts.some((s) => /playground/i.test(s))).toBe(true);

    // The first example tab is the Me query.
    await visible(page.getByRole('tab', { name: 'Me' }));
    await page.getByRole('button', { name: 'Execute query' }).click();
    const result = page.getByRole('region', exact('Result Window'));
    await expectText(result, user.name);
    await expectText(result, user.email);
    // Monaco's run-time styles (theme, token colours) reach the page as adopted stylesheets, which
    // the CSP allows; the page guard fails the test if any <style> was blocked instead.
    const adoptedRules = await page.evaluate(() =>
      document.adoptedStyleSheets.reduce((n, sheet) => n + sheet.cssRules.length, 0),
    );
    expect(adoptedRules).toBeGreaterThan(0);
    // A GraphiQL dialog locks page scrolling with a <style> of its own (Radix): also allowed.
    await page.getByRole('button', exact('Open settings dialog')).click();
    await visible(page.getByRole('dialog', exact('Settings')));
    await page.keyboard.press('Escape');
    await hidden(page.getByRole('dialog', exact('Settings')));
    await checkA11y(page, 'the playground', { known: GRAPHIQL_KNOWN });
    await screenshot(page, 'playground');
    // it fills the window between the app's header and footer: the page itself does not scroll
    expect(await page.evaluate(() => document.documentElement.scrollHeight - window.innerHeight)).toBe(0);
    await visible(page.getByRole('contentinfo').getByRole('link', exact('GraphQL playground')));

    // The editors follow the app's theme as it changes, the system's or the one picked in the header,
    // and both pass axe's contrast checks on every example (comments, line numbers) and on a JSON
    // result (numbers): Monaco's own colours did not (playground.css)
    const editorIsDark = () =>
      page.evaluate(() => document.querySelector('.monaco-editor')?.classList.contains('vs-dark') ?? null);
    const themes = [
      { scheme: 'dark', system: 'dark', picked: 'System theme' },
      { scheme: 'light', system: 'dark', picked: 'Light' },
      { scheme: 'dark', system: 'light', picked: 'Dark' },
    ] as const;
    for (const { scheme, system, picked } of themes) {
      await page.emulateMedia({ colorScheme: system });
      await page.getByRole('combobox', exact('Colour theme')).selectOption({ label: picked });
      await expect.poll(editorIsDark).toBe(scheme === 'dark');
      // Boards last: it is run next. GraphiQL takes a tab's operation name 100 ms after the switch (its
      // editor's debounce); run sooner, it sends the previous tab's name, which the API refuses.
      for (const tab of ['Me', 'BoardView', 'SearchTasks', 'CreateTask', 'MoveTask', 'Boards']) {
        await page.getByRole('tab', { name: tab }).click();
        await visible(page.getByRole('tab', { name: tab, selected: true }));
        await checkA11y(page, `the playground's ${tab} tab, ${scheme}`, { known: GRAPHIQL_KNOWN });
      }
      // a result with a number in it
      await expectText(editor, 'query Boards');
      await page.getByRole('button', { name: 'Execute query' }).click();
      await expectText(result, '"totalCount": 0');
      await checkA11y(page, `the playground's result, ${scheme}`, { known: GRAPHIQL_KNOWN });
      await screenshot(page, `playground-${scheme}-${picked}`);
    }
    await page.getByRole('combobox', exact('Colour theme')).selectOption({ label: 'System theme' });
    await page.emulateMedia({ colorScheme: 'light' });

    // Typed by hand in a new tab. insertText, because typed braces would be auto-closed by Monaco;
    // named, because GraphiQL picks up the operation name a moment after the edit, and the tab's
    // new title shows when it has (run earlier, it would still send the old tab's name).
    await page.getByRole('button', exact('New tab')).click();
    await editor.getByRole('textbox').focus();
    await page.keyboard.press('ControlOrMeta+A');
    await page.keyboard.insertText('query WhoAmI { me { name } }');
    await visible(page.getByRole('tab', { name: 'WhoAmI' }));
    await page.keyboard.press('ControlOrMeta+Enter');
    await expectText(result, `"name": "${user.name}"`);
  });
});
