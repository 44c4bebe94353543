// The board's filter bar in Chromium against the real API and database: filters by assignee (me,
// unassigned, a member), label, due date and words, combined, with the matching cards in their
// columns; the filters in the URL (a reload, a link opened by another member, ids that no longer
// exist); a match opening its task; moving a task from its dialog while filtered; another member's
// new matching task showing up by itself; a phone's width and both colour schemes, with axe.
import type { Page } from 'playwright-core';
import { checkA11y } from './support/axe.js';
import { screenshotsAtSizes } from './support/artifacts.js';
import {
  addTask,
  boardIdByName,
  cardOpener,
  column,
  columnIds,
  COLUMNS,
  createBoard,
  exact,
  expectTitles,
  graphql,
  hidden,
  newUser,
  openTask,
  signUp,
  visible,
  type User,
} from './support/app.js';
import { describe, expect, test } from './support/fixtures.js';

/** "YYYY-MM-DD" `days` from today (the browsers run in UTC, as this does). */
const day = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
const midnight = (date: string) => `${date}T00:00:00.000Z`;

const filterBar = (page: Page) => page.getByRole('region', exact('Filters'));
const select = (page: Page, name: string) => filterBar(page).getByRole('combobox', exact(name));
const chosen = (page: Page, name: string) =>
  select(page, name).evaluate((s: HTMLSelectElement) => s.selectedOptions[0]?.text);

/** The page is no wider than the window and, with `bounded` (the wide layout), no taller either. */
async function expectPageFits(page: Page, { bounded }: { bounded: boolean }) {
  const size = await page.evaluate(() => ({
    scrollWidth: document.documentElement.scrollWidth,
    clientWidth: document.documentElement.clientWidth,
    scrollHeight: document.documentElement.scrollHeight,
    innerHeight: window.innerHeight,
  }));
  expect(size.scrollWidth).toBeLessThanOrEqual(size.clientWidth);
  // a pixel or two of rounding, no more
  if (bounded) expect(size.scrollHeight).toBeLessThanOrEqual(size.innerHeight + 2);
}

async function userId(page: Page): Promise<string> {
  const { me } = await graphql<{ me: { id: string } }>(page, 'query E2eMe { me { id } }');
  return me.id;
}

async function createLabel(page: Page, boardId: string, name: string): Promise<string> {
  const { createLabel: label } = await graphql<{ createLabel: { id: string } }>(
    page,
    'mutation E2eLabel($input: CreateLabelInput!) { createLabel(input: $input) { id } }',
    { input: { boardId, name, color: '#1f6feb' } },
  );
  return label.id;
}

interface TaskSpec {
  title: string;
  column: (typeof COLUMNS)[number];
  assigneeId?: string;
  labelIds?: string[];
  due?: string;
}

async function createTask(page: Page, boardId: string, columns: Record<string, string>, task: TaskSpec) {
  await graphql(page, 'mutation E2eTask($input: CreateTaskInput!) { createTask(input: $input) { id } }', {
    input: {
      boardId,
      title: task.title,
      columnId: columns[task.column],
      assigneeId: task.assigneeId,
      labelIds: task.labelIds,
      dueDate: task.due && midnight(task.due),
    },
  });
}

/**
 * Alice's board "Billing" with Bob as a member, a Finance and a Docs label, and tasks for every
 * filter; Bob is signed in on his own browser.
 */
async function billingBoard(alice: Page, bob: Page) {
  const aliceUser = newUser('Alice');
  const bobUser: User = newUser('Bob');
  await signUp(bob, bobUser);
  await signUp(alice, aliceUser);
  await createBoard(alice, 'Billing');
  const boardId = await boardIdByName(alice, 'Billing');
  await graphql(alice, 'mutation E2eAdd($input: AddMemberInput!) { addMember(input: $input) { role } }', {
    input: { boardId, email: bobUser.email },
  });
  const [aliceId, bobId] = [await userId(alice), await userId(bob)];
  const finance = await createLabel(alice, boardId, 'Finance');
  const docs = await createLabel(alice, boardId, 'Docs');
  const columns = await columnIds(alice, boardId);
  const tasks: TaskSpec[] = [
    { title: 'Pay the billing invoice', column: 'To do', assigneeId: aliceId, labelIds: [finance], due: day(-2) },
    { title: 'Water the plants', column: 'To do' },
    { title: 'Write the billing FAQ', column: 'To do', labelIds: [docs], due: day(0) },
    { title: 'Billing dashboard', column: 'In progress', assigneeId: bobId, labelIds: [finance], due: day(0) },
    { title: 'Renew the billing certificate', column: 'Done', assigneeId: aliceId, labelIds: [finance], due: day(-3) },
  ];
  for (const task of tasks) await createTask(alice, boardId, columns, task);
  await alice.reload();
  await expectTitles(alice, 'To do', ['Pay the billing invoice', 'Water the plants', 'Write the billing FAQ']);
  return { boardId, aliceUser, bobUser, aliceId, finance, docs };
}

describe('filtering the board', () => {
  test('by me, unassigned, a member, a label, overdue and words, combined: matches stay in their columns, in the URL', async ({
    session,
    openSession,
  }) => {
    const alice = session.page;
    const bob = (await openSession()).page;
    const { boardId, aliceUser, aliceId, finance } = await billingBoard(alice, bob);

    await select(alice, 'Assignee').selectOption({ label: 'Me' });
    await visible(filterBar(alice).getByText('2 matching tasks (1 filter).'));
    await expectTitles(alice, 'To do', ['Pay the billing invoice']);
    await expectTitles(alice, 'In progress', []);
    await expectTitles(alice, 'Done', ['Renew the billing certificate']);
    // every column stays, each with its matches of all its tasks
    await visible(column(alice, 'To do').getByText('1 of 3', { exact: true }));
    await visible(column(alice, 'In progress').getByText('No matching tasks'));
    // a partial board: nothing to drag or move, and it says why
    await visible(filterBar(alice).getByText('Clear filters to drag cards.'));
    expect(await alice.getByRole('toolbar', { name: /^Move "/ }).count()).toBe(0);
    const match = cardOpener(column(alice, 'To do'), 'Pay the billing invoice');
    expect(await match.getAttribute('aria-describedby')).toBeNull();
    // from the keyboard: Space picks nothing up, and the arrow keys go from match to match (past the
    // column without one)
    await match.focus();
    await alice.keyboard.press('Space');
    await alice.keyboard.press('ArrowRight');
    await expect
      .poll(() => alice.evaluate(() => document.activeElement?.textContent))
      .toBe('Renew the billing certificate');
    await expectTitles(alice, 'To do', ['Pay the billing invoice']);

    await select(alice, 'Assignee').selectOption({ label: 'Unassigned' });
    await expectTitles(alice, 'To do', ['Water the plants', 'Write the billing FAQ']);
    await expectTitles(alice, 'Done', []);

    await select(alice, 'Assignee').selectOption({ label: 'Anyone' });
    await select(alice, 'Label').selectOption({ label: 'Finance' });
    await expectTitles(alice, 'To do', ['Pay the billing invoice']);
    await expectTitles(alice, 'In progress', ['Billing dashboard']);
    await expectTitles(alice, 'Done', ['Renew the billing certificate']);

    // overdue, as the cards say it: not the finished work in the last column
    await select(alice, 'Due').selectOption({ label: 'Overdue' });
    await expectTitles(alice, 'To do', ['Pay the billing invoice']);
    await expectTitles(alice, 'In progress', []);
    await expectTitles(alice, 'Done', []);

    await select(alice, 'Due').selectOption({ label: 'This week' });
    await expectTitles(alice, 'To do', []);
    await expectTitles(alice, 'In progress', ['Billing dashboard']);

    // all of them at once, words too
    await select(alice, 'Due').selectOption({ label: 'Overdue' });
    await select(alice, 'Assignee').selectOption({ label: 'Me' });
    await filterBar(alice).getByRole('searchbox', exact('Filter tasks')).fill('invoice');
    await visible(filterBar(alice).getByText('1 matching task (4 filters).'));
    await expectTitles(alice, 'To do', ['Pay the billing invoice']);
    for (const name of ['In progress', 'Done']) await visible(column(alice, name).getByText('No matching tasks'));
    await expect.poll(() => new URL(alice.url()).search).toBe(`?q=invoice&assignee=me&label=${finance}&due=overdue`);

    // a reload keeps them
    await alice.reload();
    await visible(filterBar(alice).getByText('1 matching task (4 filters).'));
    expect(await filterBar(alice).getByRole('searchbox', exact('Filter tasks')).inputValue()).toBe('invoice');
    expect(await chosen(alice, 'Assignee')).toBe('Me');
    expect(await chosen(alice, 'Label')).toBe('Finance');
    expect(await chosen(alice, 'Due')).toBe('Overdue');
    await expectTitles(alice, 'To do', ['Pay the billing invoice']);

    // a link to it, opened by another member, shows the same ("me" would be Bob: Alice is named)
    await select(alice, 'Assignee').selectOption({ label: aliceUser.name });
    await expect.poll(() => new URL(alice.url()).searchParams.get('assignee')).toBe(aliceId);
    await visible(filterBar(alice).getByText('1 matching task (4 filters).'));
    await bob.goto(alice.url());
    await visible(filterBar(bob).getByText('1 matching task (4 filters).'));
    await expectTitles(bob, 'To do', ['Pay the billing invoice']);
    expect(await chosen(bob, 'Assignee')).toBe(aliceUser.name);
    expect(await chosen(bob, 'Label')).toBe('Finance');

    // a link naming a label that no longer exists: ignored, and said so
    await bob.goto(`/boards/${boardId}?label=999999999&q=billing`);
    await visible(filterBar(bob).getByText(/the label it named no longer exists/));
    expect(await chosen(bob, 'Label')).toBe('Any label');
    await visible(filterBar(bob).getByText('4 matching tasks (1 filter).'));

    // a match opens its task; closing it gives back the filtered board
    const dialog = await openTask(alice, 'Pay the billing invoice');
    expect(new URL(alice.url()).search).toContain('q=invoice');
    await dialog.getByRole('button', exact('Close')).click();
    await hidden(dialog);
    expect(new URL(alice.url()).pathname).toBe(`/boards/${boardId}`);
    await expect.poll(() => new URL(alice.url()).searchParams.get('q')).toBe('invoice');
    await expectTitles(alice, 'To do', ['Pay the billing invoice']);

    // moved to Done from its dialog, it is no longer overdue: it leaves the filtered board by itself
    const again = await openTask(alice, 'Pay the billing invoice');
    await again.getByRole('combobox', exact('Column')).selectOption({ label: 'Done' });
    await again.getByRole('button', exact('Save')).click();
    await visible(filterBar(alice).getByText('No tasks match (4 filters).'));
    if (await again.isVisible()) await again.getByRole('button', exact('Close')).click();
    await hidden(again);
    for (const name of COLUMNS) await visible(column(alice, name).getByText('No matching tasks'));

    // Clear filters: the whole board, draggable again
    await filterBar(alice).getByRole('button', exact('Clear filters')).click();
    await expect.poll(() => new URL(alice.url()).search).toBe('');
    await expectTitles(alice, 'Done', ['Renew the billing certificate', 'Pay the billing invoice']);
    await visible(alice.getByRole('toolbar', exact('Move "Water the plants"')));
    expect(await cardOpener(column(alice, 'To do'), 'Water the plants').getAttribute('aria-describedby')).toBeTruthy();
  });

  test('another member’s new matching task shows up by itself; on a phone and in both colour schemes', async ({
    session,
    openSession,
  }) => {
    const alice = session.page;
    const bob = (await openSession()).page;
    const { boardId } = await billingBoard(alice, bob);
    await bob.goto(`/boards/${boardId}`);
    await visible(bob.getByRole('heading', { level: 1, ...exact('Billing') }));

    const text = filterBar(alice).getByRole('searchbox', exact('Filter tasks'));
    await text.fill('billing');
    await visible(filterBar(alice).getByText('4 matching tasks (1 filter).'));
    await hidden(cardOpener(column(alice, 'To do'), 'Water the plants'));

    await addTask(bob, 'To do', 'Billing export');
    await addTask(bob, 'To do', 'Order lunch');
    await visible(cardOpener(column(alice, 'To do'), 'Billing export'));
    await visible(filterBar(alice).getByText('5 matching tasks (1 filter).'));
    expect(await cardOpener(column(alice, 'To do'), 'Order lunch').count()).toBe(0);

    // Escape in the text clears it: the whole board again
    await text.press('Escape');
    expect(await text.inputValue()).toBe('');
    await visible(cardOpener(column(alice, 'To do'), 'Order lunch'));
    await screenshotsAtSizes(alice, 'filters-none');

    // the filter bar on a board filtered by a label, light and dark, wide and narrow
    await select(alice, 'Label').selectOption({ label: 'Finance' });
    await visible(filterBar(alice).getByText('3 matching tasks (1 filter).'));
    // the bar and its status line fit the wide layout, which fills the window and no more
    await alice.setViewportSize({ width: 1440, height: 900 });
    await expectPageFits(alice, { bounded: true });
    await checkA11y(alice, 'a filtered board, light');
    await screenshotsAtSizes(alice, 'filters-board-light');
    await alice.emulateMedia({ colorScheme: 'dark' });
    await checkA11y(alice, 'a filtered board, dark');
    await screenshotsAtSizes(alice, 'filters-board-dark');

    // a phone: the text field in view, the choices behind "Filters", which counts them
    await alice.setViewportSize({ width: 390, height: 844 });
    const toggle = filterBar(alice).getByRole('button', { name: /^Filters/ });
    await visible(toggle);
    expect(await toggle.getAttribute('aria-expanded')).toBe('false');
    await visible(text);
    expect(await select(alice, 'Label').isVisible()).toBe(false);
    await expectPageFits(alice, { bounded: false });
    await toggle.click();
    await visible(select(alice, 'Label'));
    await expectPageFits(alice, { bounded: false });
    await checkA11y(alice, 'the filters opened on a phone, dark');
    await screenshotsAtSizes(alice, 'filters-open-dark');
    await alice.emulateMedia({ colorScheme: 'light' });
    await checkA11y(alice, 'the filters opened on a phone, light');
    await select(alice, 'Due').selectOption({ label: 'Overdue' });
    await visible(filterBar(alice).getByText('1 matching task (2 filters).'));
    expect(await toggle.textContent()).toContain('2');
    await screenshotsAtSizes(alice, 'filters-open-light');
  });
});
