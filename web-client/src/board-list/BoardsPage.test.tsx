import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { gqlError, mockData, mockErrors, mockNetworkError, mockPending, renderApp } from '../test/apollo';
import { BoardsPageQuery } from './BoardsPage';
import { COLUMN_PAGE_SIZE } from '../apollo/columnTasks';
import { BoardPageQuery } from '../board/BoardPage';
import { CreateBoardMutation } from '../mutations/useCreateBoard';

const board = (id: string, name: string) => ({ __typename: 'Board' as const, id, name, viewerRole: 'OWNER' as const });

function boards(items: ReturnType<typeof board>[], hasNextPage = false) {
  return {
    boards: {
      __typename: 'BoardConnection' as const,
      totalCount: items.length,
      pageInfo: { __typename: 'PageInfo' as const, hasNextPage, endCursor: items.length ? `b-${items.length}` : null },
      edges: items.map((node, i) => ({ __typename: 'BoardEdge' as const, cursor: `b-${i + 1}`, node })),
    },
  };
}

describe('boards list', () => {
  it('shows a loading status while the boards load', () => {
    renderApp('/', [mockPending(BoardsPageQuery, {})]);
    expect(screen.getByRole('heading', { name: 'Your boards' })).toBeTruthy();
    expect(screen.getByRole('status').textContent).toMatch(/^Loading/);
  });

  it('says when there are no boards yet', async () => {
    renderApp('/', [mockData(BoardsPageQuery, {}, boards([]))]);
    expect(await screen.findByText(/No boards yet/)).toBeTruthy();
  });

  it('shows an error with a retry when the boards cannot be loaded', async () => {
    const { user } = renderApp('/', [
      mockNetworkError(BoardsPageQuery, {}),
      mockData(BoardsPageQuery, {}, boards([board('1', 'Launch plan')])),
    ]);
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toMatch(/Cannot reach the server/);
    await user.click(within(alert).getByRole('button', { name: 'Try again' }));
    expect(await screen.findByRole('link', { name: 'Launch plan' })).toBeTruthy();
  });

  it('lists each board as a link to it, and loads more page by page', async () => {
    const { user } = renderApp('/', [
      mockData(BoardsPageQuery, {}, boards([board('1', 'Launch plan'), board('2', 'Hiring')], true)),
      mockData(
        BoardsPageQuery,
        { after: 'b-2' },
        {
          boards: { ...boards([board('3', 'Office move')]).boards, totalCount: 3 },
        },
      ),
    ]);
    const link = await screen.findByRole('link', { name: 'Launch plan' });
    expect(link.getAttribute('href')).toBe('/boards/1');
    await user.click(screen.getByRole('button', { name: 'Load more' }));
    expect(await screen.findByRole('link', { name: 'Office move' })).toBeTruthy();
    const names = screen.getAllByRole('listitem').map((item) => within(item).queryByRole('link')?.textContent);
    expect(names).toEqual(['Launch plan', 'Hiring', 'Office move']);
    expect(screen.queryByRole('button', { name: 'Load more' })).toBeNull();
  });

  it('shows a new board at once, then opens it once the server has created it', async () => {
    const { user, router } = renderApp('/', [
      mockData(BoardsPageQuery, {}, boards([board('1', 'Launch plan')])),
      mockData(
        CreateBoardMutation,
        { input: { name: 'Roadmap' } },
        { createBoard: board('9', 'Roadmap') },
        { delay: 300 },
      ),
      mockPending(BoardPageQuery, { boardId: '9', tasksPerColumn: COLUMN_PAGE_SIZE }),
    ]);
    await screen.findByRole('link', { name: 'Launch plan' });
    await user.type(screen.getByRole('textbox', { name: 'New board name' }), 'Roadmap');
    await user.click(screen.getByRole('button', { name: 'Create board' }));
    // optimistic: listed, but not yet a link (it has no id the server knows)
    expect(screen.getByText('Roadmap')).toBeTruthy();
    expect(screen.queryByRole('link', { name: 'Roadmap' })).toBeNull();
    await waitFor(() => expect(router.state.location.pathname).toBe('/boards/9'));
    expect((await screen.findByRole('status')).textContent).toMatch(/^Loading board/);
  });

  it('takes a refused board back out and says why', async () => {
    const { user } = renderApp('/', [
      mockData(BoardsPageQuery, {}, boards([])),
      mockErrors(
        CreateBoardMutation,
        { input: { name: 'x'.repeat(3) } },
        [gqlError('BAD_USER_INPUT', 'The input is not valid.', { fields: { name: ['is already taken'] } })],
        { delay: 300 },
      ),
    ]);
    await screen.findByText(/No boards yet/);
    await user.type(screen.getByRole('textbox', { name: 'New board name' }), 'xxx');
    await user.click(screen.getByRole('button', { name: 'Create board' }));
    expect(screen.getByText('xxx')).toBeTruthy();
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toBe('Name is already taken.');
    await waitFor(() => expect(screen.getByText(/No boards yet/)).toBeTruthy());
    // the name is back in the field for another try
    expect((screen.getByRole('textbox', { name: 'New board name' }) as HTMLInputElement).value).toBe('xxx');
  });
});
