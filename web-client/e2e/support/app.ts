// The app as a user sees it: steps and places found only by role and accessible name, following
// the UI contract (headings, labels, button names) rather than markup or CSS classes.
import { randomBytes } from 'node:crypto';
import { expect } from 'vitest';
import type { Locator, Page, Request } from 'playwright-core';

export interface User {
  name: string;
  email: string;
  password: string;
}

export function newUser(name = 'Ada Lovelace'): User {
  const id = randomBytes(4).toString('hex');
  return { name: `${name} ${id}`, email: `e2e.${id}@example.test`, password: `pw-${randomBytes(8).toString('hex')}` };
}

/** The columns a new board starts with (its owner may add, rename, reorder and delete columns). */
export const COLUMNS = ['To do', 'In progress', 'Done'] as const;
/** A column's name: a new board's, or one its owner gave. */
export type ColumnName = string;

/** Waits until the element is visible (Playwright's auto-wait, with the context's timeout). */
export async function visible(locator: Locator): Promise<Locator> {
  await locator.first().waitFor({ state: 'visible' });
  return locator;
}

export async function hidden(locator: Locator): Promise<void> {
  await locator.waitFor({ state: 'hidden' });
}

export const exact = (name: string) => ({ name, exact: true });

export async function signUp(page: Page, user: User): Promise<void> {
  await page.goto('/signup');
  await visible(page.getByRole('heading', exact('Create your account')));
  await page.getByRole('textbox', exact('Name')).fill(user.name);
  await page.getByRole('textbox', exact('Email')).fill(user.email);
  await page.getByRole('textbox', exact('Password')).fill(user.password);
  await page.getByRole('button', exact('Sign up')).click();
  await visible(page.getByRole('heading', exact('Your boards')));
}

export async function signIn(page: Page, user: Pick<User, 'email' | 'password'>): Promise<void> {
  await page.goto('/signin');
  await visible(page.getByRole('heading', exact('Sign in')));
  await page.getByRole('textbox', exact('Email')).fill(user.email);
  await page.getByRole('textbox', exact('Password')).fill(user.password);
  await page.getByRole('button', exact('Sign in')).click();
  await visible(page.getByRole('heading', exact('Your boards')));
}

export async function signOut(page: Page): Promise<void> {
  await page.getByRole('button', exact('Sign out')).click();
  await visible(page.getByRole('heading', exact('Sign in')));
}

/** Creates a board from the boards list, which opens it. */
export async function createBoard(page: Page, name: string): Promise<void> {
  await page.goto('/');
  await visible(page.getByRole('heading', exact('Your boards')));
  await page.getByRole('textbox', exact('New board name')).fill(name);
  await page.getByRole('button', exact('Create board')).click();
  await visible(page.getByRole('heading', { level: 1, ...exact(name) }));
}

export function column(page: Page, name: ColumnName): Locator {
  return page.getByRole('region', exact(name));
}

/** A task's card: the list item holding the link or button named by its title. */
export function card(scope: Page | Locator, title: string): Locator {
  const page = 'page' in scope ? scope.page() : scope;
  const opener = page.getByRole('link', exact(title)).or(page.getByRole('button', exact(title)));
  return scope.getByRole('listitem').filter({ has: opener });
}

export function cardOpener(scope: Page | Locator, title: string): Locator {
  return scope
    .getByRole('link', exact(title))
    .or(scope.getByRole('button', exact(title)))
    .first();
}

export async function addTask(page: Page, where: ColumnName, title: string): Promise<void> {
  const col = column(page, where);
  await col.getByRole('textbox', exact('New task title')).fill(title);
  await col.getByRole('button', exact('Add task')).click();
  await visible(card(col, title));
}

/** The task titles of a column, top to bottom, as the cards show them. */
export async function titlesIn(page: Page, where: ColumnName, candidates: string[]): Promise<string[]> {
  const texts = await column(page, where).getByRole('listitem').allInnerTexts();
  return texts.map((text) => candidates.find((title) => text.includes(title)) ?? `?${text.slice(0, 40)}`);
}

export async function expectTitles(page: Page, where: ColumnName, titles: string[], candidates = titles) {
  await expect.poll(() => titlesIn(page, where, candidates), { timeout: 30_000 }).toEqual(titles);
}

export async function openTask(page: Page, title: string): Promise<Locator> {
  await cardOpener(page.getByRole('main'), title).click();
  const dialog = page.getByRole('dialog', exact('Edit task'));
  await visible(dialog);
  return dialog;
}

/** The element's text as a person reads it: code editors (Monaco) render spaces as no-break spaces. */
async function readableText(locator: Locator): Promise<string> {
  return (await locator.count()) > 0 ? (await locator.first().innerText()).replace(/\u00a0/g, ' ') : '';
}

/** Waits until the element's text contains `text` (or matches it). */
export async function expectText(locator: Locator, text: string | RegExp): Promise<void> {
  const pattern = typeof text === 'string' ? new RegExp(text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')) : text;
  await expect.poll(() => readableText(locator), { timeout: 30_000 }).toMatch(pattern);
}

/**
 * Calls the API as the page's user (the context's session cookie), through the web server's
 * /graphql. For set-up the UI contract has no controls for (labels), or that would only be slow
 * by hand (thirty tasks); what a test checks it always does through the UI.
 */
export async function graphql<T>(page: Page, query: string, variables: Record<string, unknown> = {}): Promise<T> {
  const response = await page.request.post('/graphql', { data: { query, variables } });
  const body = (await response.json()) as { data?: T; errors?: { message: string }[] };
  if (!response.ok() || body.errors?.length || !body.data) {
    throw new Error(`GraphQL set-up call failed (HTTP ${response.status()}): ${JSON.stringify(body.errors ?? body)}`);
  }
  return body.data;
}

export async function boardIdByName(page: Page, name: string): Promise<string> {
  const data = await graphql<{ boards: { edges: { node: { id: string; name: string } }[] } }>(
    page,
    'query E2eBoards { boards(first: 100) { edges { node { id name } } } }',
  );
  const board = data.boards.edges.find((e) => e.node.name === name);
  if (!board) throw new Error(`no board named "${name}" for this user`);
  return board.node.id;
}

export async function createLabel(page: Page, boardId: string, name: string, color = '#1f6feb'): Promise<void> {
  await graphql(page, 'mutation E2eLabel($input: CreateLabelInput!) { createLabel(input: $input) { id } }', {
    input: { boardId, name, color },
  });
}

/** Tasks at the end of a column (left out: the board's first column). */
export async function createTasks(page: Page, boardId: string, titles: string[], columnId?: string): Promise<void> {
  for (const title of titles) {
    await graphql(page, 'mutation E2eTask($input: CreateTaskInput!) { createTask(input: $input) { id } }', {
      input: { boardId, title, ...(columnId && { columnId }) },
    });
  }
}

/** The ids of a board's columns by name (for set-up through the API). */
export async function columnIds(page: Page, boardId: string): Promise<Record<string, string>> {
  const data = await graphql<{ board: { columns: { id: string; name: string }[] } }>(
    page,
    'query E2eColumns($id: ID!) { board(id: $id) { columns(first: 1) { id name } } }',
    { id: boardId },
  );
  return Object.fromEntries(data.board.columns.map((c) => [c.name, c.id]));
}

/** The names of the board's columns, left to right, as the page shows them. */
export async function columnNames(page: Page): Promise<string[]> {
  return page
    .locator('main section[data-column-id]')
    .evaluateAll((columns) => columns.map((c) => c.getAttribute('aria-label') ?? ''));
}

/**
 * The operation a /graphql request names (the app sends its documents by hash, named, never as text);
 * undefined for a request without a JSON body.
 */
export function operationOf(request: Request): string | undefined {
  try {
    return (request.postDataJSON() as { operationName?: string } | null)?.operationName;
  } catch {
    return undefined;
  }
}

/** Holds the page's requests of one operation until `release()` is called; the others go as they come. */
export async function holdOperation(page: Page, name: string): Promise<() => void> {
  let release = () => {};
  const held = new Promise<void>((resolve) => (release = resolve));
  await page.route('**/graphql', async (route) => {
    if (operationOf(route.request()) === name) await held;
    await route.continue();
  });
  return release;
}

const graphqlInFlight = new WeakMap<Page, Set<Request>>();

/** Starts counting the page's /graphql requests in flight (the fixtures do this for every page). */
export function trackGraphqlRequests(page: Page): void {
  const inFlight = new Set<Request>();
  graphqlInFlight.set(page, inFlight);
  page.on('request', (request) => {
    if (new URL(request.url()).pathname.endsWith('/graphql')) inFlight.add(request);
  });
  page.on('requestfinished', (request) => inFlight.delete(request));
  page.on('requestfailed', (request) => inFlight.delete(request));
}

/** Waits until the server has answered everything the page asked: the state on screen is its answer. */
export async function serverSettled(page: Page): Promise<void> {
  await expect.poll(() => graphqlInFlight.get(page)?.size ?? 0, { timeout: 30_000 }).toBe(0);
}

/**
 * Waits until the page has rendered two more frames. dnd-kit measures where a dragged item may go in the
 * frames after a drag starts, which is after the pick-up is announced: an arrow key pressed before that
 * finds nowhere to move (seen on a slow machine), so keyboard drags wait for it after each pick-up.
 */
export async function nextFrames(page: Page): Promise<void> {
  await page.evaluate(
    () => new Promise<void>((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => resolve()))),
  );
}
