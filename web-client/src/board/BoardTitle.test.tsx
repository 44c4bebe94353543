// The board's name and the owner's controls for it: renaming in place, and deleting after typing the name.
import { act, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { BoardsPageQuery } from '../board-list/BoardsPage';
import { DeleteBoardMutation } from '../mutations/useDeleteBoard';
import { RenameBoardMutation } from '../mutations/useRenameBoard';
import { gqlError, mockData, mockErrors, mockNetworkError, renderApp } from '../test/apollo';
import { BOARD_PAGE_VARS, boardPage, listedBoard } from '../test/fixtures';
import { BoardPageQuery } from './BoardPage';

const board = (viewerRole: 'OWNER' | 'MEMBER' = 'OWNER') =>
  mockData(BoardPageQuery, BOARD_PAGE_VARS, boardPage({ viewerRole }));
const heading = () => screen.getByRole('heading', { level: 1 });
const renamed = (name: string) => ({ renameBoard: { __typename: 'Board' as const, id: '1', name } });

const boardsList = (names: string[]) =>
  mockData(
    BoardsPageQuery,
    {},
    {
      boards: {
        __typename: 'BoardConnection',
        totalCount: names.length,
        pageInfo: { __typename: 'PageInfo', hasNextPage: false, endCursor: null },
        edges: names.map((name, i) => ({
          __typename: 'BoardEdge' as const,
          cursor: `b-${i}`,
          node: listedBoard(String(i + 1), name),
        })),
      },
    },
  );

async function open(mocks: Parameters<typeof renderApp>[1]) {
  const view = renderApp('/boards/1', mocks);
  await screen.findByRole('heading', { level: 1, name: 'Launch plan' });
  return view;
}

describe('renaming a board', () => {
  it('is offered to the owner only', async () => {
    await open([board('MEMBER')]);
    expect(screen.queryByRole('button', { name: 'Rename board' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Delete board' })).toBeNull();
  });

  it('edits the name in place; the new name shows at once and stays when the server agrees', async () => {
    const { user } = await open([
      board(),
      mockData(RenameBoardMutation, { input: { id: '1', name: 'Launch 2027' } }, renamed('Launch 2027'), {
        delay: 100,
      }),
    ]);
    await user.click(screen.getByRole('button', { name: 'Rename board' }));
    const field = screen.getByRole('textbox', { name: 'Board name' });
    expect(document.activeElement).toBe(field);
    await user.clear(field);
    await user.type(field, '  Launch 2027 {Enter}');
    // optimistic
    expect(heading().textContent).toBe('Launch 2027');
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Rename board' }));
    await waitFor(() => expect(document.title).toBe('Launch 2027 · Taskboard'));
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(heading().textContent).toBe('Launch 2027');
  });

  it('refuses a blank name before sending it', async () => {
    const { user } = await open([board()]);
    await user.click(screen.getByRole('button', { name: 'Rename board' }));
    const field = screen.getByRole('textbox', { name: 'Board name' });
    await user.clear(field);
    await user.type(field, '   ');
    await user.click(screen.getByRole('button', { name: 'Save' }));
    expect(screen.getByRole('alert').textContent).toBe('The board name cannot be empty.');
    expect(field.getAttribute('aria-invalid')).toBe('true');
    // no mutation was mocked: sending one would have failed the test with an error instead
  });

  it('Escape and Cancel leave the name as it was', async () => {
    const { user } = await open([board()]);
    await user.click(screen.getByRole('button', { name: 'Rename board' }));
    await user.type(screen.getByRole('textbox', { name: 'Board name' }), ' draft{Escape}');
    expect(heading().textContent).toBe('Launch plan');
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Rename board' }));
    await user.click(screen.getByRole('button', { name: 'Rename board' }));
    await user.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(heading().textContent).toBe('Launch plan');
  });

  it('when the server refuses, the old name comes back and the form reopens with the typed name and the reason, once', async () => {
    const { user } = await open([
      board(),
      mockErrors(
        RenameBoardMutation,
        { input: { id: '1', name: 'Taken' } },
        [
          gqlError('BAD_USER_INPUT', 'The input is not valid.', {
            fields: { name: ['is already used by another board'] },
          }),
        ],
        { delay: 100 },
      ),
    ]);
    await user.click(screen.getByRole('button', { name: 'Rename board' }));
    const field = screen.getByRole('textbox', { name: 'Board name' });
    await user.clear(field);
    await user.type(field, 'Taken{Enter}');
    expect(heading().textContent).toBe('Taken');
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toBe('Name is already used by another board.');
    expect(screen.getAllByRole('alert')).toHaveLength(1);
    expect((screen.getByRole('textbox', { name: 'Board name' }) as HTMLInputElement).value).toBe('Taken');
    expect(screen.queryByRole('heading', { level: 1, name: 'Taken' })).toBeNull();
    expect(document.title).toBe('Launch plan · Taskboard');
  });
});

describe('deleting a board', () => {
  it('asks in a dialog for the board’s name before the Delete button works', async () => {
    const { user } = await open([board()]);
    await user.click(screen.getByRole('button', { name: 'Delete board' }));
    const dialog = within(screen.getByRole('dialog', { name: 'Delete board' }));
    expect(dialog.getByText(/with all its tasks, labels and comments/)).toBeTruthy();
    const confirm = dialog.getByRole('button', { name: 'Delete this board' }) as HTMLButtonElement;
    expect(confirm.disabled).toBe(true);
    const field = dialog.getByRole('textbox', { name: 'Type the board’s name to confirm' });
    // ready to type the name
    expect(document.activeElement).toBe(field);
    await user.type(field, 'Launch pla');
    expect(confirm.disabled).toBe(true);
    await user.type(field, 'n');
    expect(confirm.disabled).toBe(false);
    await user.click(dialog.getByRole('button', { name: 'Cancel' }));
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Delete board' }));
  });

  it('deletes it, goes to the boards list and says the board was deleted; it is no longer listed', async () => {
    const { user, history } = await open([
      boardsList(['Launch plan', 'Hiring']),
      board(),
      mockData(DeleteBoardMutation, { id: '1' }, { deleteBoard: '1' }),
    ]);
    // the boards list is cached first, as when the user came from it
    act(() => history.navigate('/'));
    await screen.findByRole('link', { name: 'Hiring' });
    act(() => history.navigate('/boards/1'));
    await user.click(await screen.findByRole('button', { name: 'Delete board' }));
    const dialog = within(screen.getByRole('dialog', { name: 'Delete board' }));
    await user.type(dialog.getByRole('textbox', { name: 'Type the board’s name to confirm' }), 'Launch plan{Enter}');
    expect((await screen.findByRole('alert')).textContent).toMatch(/^The board "Launch plan" was deleted\./);
    expect(history.location.pathname).toBe('/');
    expect(screen.getByRole('link', { name: 'Hiring' })).toBeTruthy();
    expect(screen.queryByRole('link', { name: 'Launch plan' })).toBeNull();
  });

  it('keeps the dialog open with the reason when deleting fails', async () => {
    const { user, history } = await open([board(), mockNetworkError(DeleteBoardMutation, { id: '1' })]);
    await user.click(screen.getByRole('button', { name: 'Delete board' }));
    const dialog = within(screen.getByRole('dialog', { name: 'Delete board' }));
    await user.type(dialog.getByRole('textbox', { name: 'Type the board’s name to confirm' }), 'Launch plan');
    await user.click(dialog.getByRole('button', { name: 'Delete this board' }));
    expect((await dialog.findByRole('alert')).textContent).toMatch(/Cannot reach the server/);
    expect(history.location.pathname).toBe('/boards/1');
    expect(heading().textContent).toBe('Launch plan');
  });
});
