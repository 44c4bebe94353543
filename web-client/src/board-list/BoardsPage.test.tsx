import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { gqlError, mockData, mockErrors, mockNetworkError, mockPending, renderApp } from '../test/apollo';
import { BoardsPageQuery } from './BoardsPage';
import { COLUMN_PAGE_SIZE } from '../apollo/columnTasks';
import { BoardPageQuery } from '../board/BoardPage';
import { CreateBoardMutation } from '../mutations/useCreateBoard';
import { BOB, listedBoard, VIEWER } from '../test/fixtures';

const board = listedBoard;

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

  it('loads as a skeleton of tiles, busy, whose only text is a hidden "Loading your boards…"', () => {
    renderApp('/', [mockPending(BoardsPageQuery, {})]);
    const status = screen.getByRole('status');
    expect(status.textContent).toBe('Loading your boards…');
    expect(status.classList.contains('visually-hidden')).toBe(true);
    const skeleton = status.closest('[aria-busy="true"]');
    expect(skeleton?.querySelectorAll('.skeleton-tile').length).toBeGreaterThan(0);
    // the shapes are hidden from assistive technology, and there is no spinner
    expect(skeleton?.querySelector('.skeleton-shapes')?.getAttribute('aria-hidden')).toBe('true');
    expect(document.querySelector('.spinner')).toBeNull();
  });

  it('says when there are no boards yet, how to create the first one, and puts the cursor in its name', async () => {
    renderApp('/', [mockData(BoardsPageQuery, {}, boards([]))]);
    expect(await screen.findByRole('heading', { name: 'Create your first board' })).toBeTruthy();
    // the hint and the form together, in one card
    const card = screen.getByText(/No boards yet/).closest('.first-board') as HTMLElement;
    expect(within(card).getByRole('textbox', { name: 'New board name' })).toBeTruthy();
    expect(within(card).getByRole('button', { name: 'Create board' })).toBeTruthy();
    const field = screen.getByRole('textbox', { name: 'New board name' });
    await waitFor(() => expect(document.activeElement).toBe(field));
    expect(screen.queryByRole('list')).toBeNull();
  });

  it('shows each board as a tile: its name, task count, members as avatars and the viewer’s role', async () => {
    const carol = { __typename: 'User' as const, id: 'u3', name: 'Carol New' };
    const people = [VIEWER, BOB, carol, { __typename: 'User' as const, id: 'u4', name: 'Dan Wu' }];
    const member = (user: { id: string; name: string }, role: 'OWNER' | 'MEMBER' = 'MEMBER') => ({
      __typename: 'Member' as const,
      role,
      user: { __typename: 'User' as const, id: user.id, name: user.name },
    });
    renderApp('/', [
      mockData(
        BoardsPageQuery,
        {},
        boards([
          board('1', 'Launch plan', {
            taskCount: 12,
            members: people.map((u, i) => member(u, i ? 'MEMBER' : 'OWNER')),
          }),
          board('2', 'Hiring', { taskCount: 1, viewerRole: 'MEMBER', members: [member(BOB, 'OWNER'), member(VIEWER)] }),
          board('3', 'Office move'),
          board('4', 'Big team', {
            taskCount: 3,
            members: [...people, carol].map((u, i) => member({ ...u, id: `m${i}` })),
          }),
        ]),
      ),
    ]);
    await screen.findByRole('link', { name: 'Launch plan' });
    const tile = (name: string) => within(screen.getByRole('link', { name }).closest('li')!);

    const launch = tile('Launch plan');
    expect(launch.getByRole('heading', { level: 2, name: 'Launch plan' })).toBeTruthy();
    expect(launch.getByText('12 tasks')).toBeTruthy();
    const avatars = within(launch.getByRole('group', { name: '4 members' })).getAllByRole('img');
    expect(avatars.map((a) => [a.getAttribute('aria-label'), a.textContent])).toEqual([
      ['Alice Owner', 'AO'],
      ['Bob Member', 'BM'],
      ['Carol New', 'CN'],
      ['Dan Wu', 'DW'],
    ]);
    expect(launch.getByText(/Your role:/).closest('.board-tile-role')?.textContent).toBe('Your role: Owner');

    const hiring = tile('Hiring');
    expect(hiring.getByText('1 task')).toBeTruthy();
    expect(hiring.getByRole('group', { name: '2 members' })).toBeTruthy();
    expect(hiring.getByText(/Your role:/).closest('.board-tile-role')?.textContent).toBe('Your role: Member');

    expect(tile('Office move').getByText('No tasks yet')).toBeTruthy();
    expect(tile('Office move').getByRole('group', { name: '1 member' })).toBeTruthy();

    // past four members: three avatars and "+2", which names the others
    const big = within(tile('Big team').getByRole('group', { name: '5 members' })).getAllByRole('img');
    expect(big.map((a) => a.textContent)).toEqual(['AO', 'BM', 'CN', '+2']);
    expect(big[3]?.getAttribute('aria-label')).toBe('and 2 more: Dan Wu, Carol New');
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
    const { user, history } = renderApp('/', [
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
    await waitFor(() => expect(history.location.pathname).toBe('/boards/9'));
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
