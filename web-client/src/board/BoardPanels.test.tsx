// The board page's side panel: members (list, invite, remove, leave). The search it had is the filter
// bar above the columns now (filters/BoardFilters.test.tsx).
import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { BoardsPageQuery } from '../board-list/BoardsPage';
import { AddMemberMutation } from '../mutations/useAddMember';
import { RemoveMemberMutation } from '../mutations/useRemoveMember';
import { gqlError, mockData, mockErrors, mockNetworkError, renderApp } from '../test/apollo';
import { BOARD_PAGE_VARS, BOB, boardPage, VIEWER } from '../test/fixtures';
import { BoardPageQuery } from './BoardPage';

const board = (viewerRole: 'OWNER' | 'MEMBER' = 'OWNER', members = boardPage().board.members) =>
  mockData(BoardPageQuery, BOARD_PAGE_VARS, boardPage({ viewerRole, members }));

describe('members', () => {
  const members = () => screen.getByRole('region', { name: 'Members' });

  it('lists the members with their roles', async () => {
    renderApp('/boards/1', [board()]);
    await screen.findByRole('heading', { level: 1, name: 'Launch plan' });
    const items = within(members())
      .getAllByRole('listitem')
      .map((item) => item.textContent);
    expect(items).toEqual(['AO Alice Owner Owner', 'BM Bob Member Member Remove']);
  });

  it('says when the list is empty', async () => {
    renderApp('/boards/1', [board('OWNER', [])]);
    await screen.findByRole('heading', { level: 1, name: 'Launch plan' });
    expect(within(members()).getByText('No members yet')).toBeTruthy();
  });

  it('shows the board’s loading and error states before there are members to show', async () => {
    renderApp('/boards/1', [mockNetworkError(BoardPageQuery, BOARD_PAGE_VARS)]);
    expect((await screen.findByRole('alert')).textContent).toMatch(/Cannot reach the server/);
    expect(screen.queryByRole('region', { name: 'Members' })).toBeNull();
  });

  it('offers the invitation only to the owner', async () => {
    renderApp('/boards/1', [board('MEMBER')]);
    await screen.findByRole('heading', { level: 1, name: 'Launch plan' });
    expect(within(members()).queryByRole('textbox', { name: 'Invite by email' })).toBeNull();
    expect(within(members()).queryByRole('button', { name: 'Invite' })).toBeNull();
  });

  it('shows the server’s reason inline when an invitation is refused', async () => {
    const { user } = renderApp('/boards/1', [
      board('OWNER', [{ __typename: 'Member', role: 'OWNER', user: VIEWER }]),
      mockErrors(AddMemberMutation, { input: { boardId: '1', email: 'nobody@example.com' } }, [
        gqlError('BAD_USER_INPUT', 'The input is not valid.', {
          fields: { email: ['has no account yet; ask them to sign up first'] },
        }),
      ]),
    ]);
    await screen.findByRole('heading', { level: 1, name: 'Launch plan' });
    const panel = within(members());
    await user.type(panel.getByRole('textbox', { name: 'Invite by email' }), 'nobody@example.com');
    await user.click(panel.getByRole('button', { name: 'Invite' }));
    expect((await panel.findByRole('alert')).textContent).toBe('Email has no account yet; ask them to sign up first.');
  });

  it('adds an invited member to the list', async () => {
    const { user } = renderApp('/boards/1', [
      board('OWNER', [{ __typename: 'Member', role: 'OWNER', user: VIEWER }]),
      mockData(
        AddMemberMutation,
        { input: { boardId: '1', email: BOB.email } },
        { addMember: { __typename: 'Member', role: 'MEMBER', joinedAt: '2026-11-26T10:00:00.000Z', user: BOB } },
      ),
    ]);
    await screen.findByRole('heading', { level: 1, name: 'Launch plan' });
    const panel = within(members());
    await user.type(panel.getByRole('textbox', { name: 'Invite by email' }), BOB.email);
    await user.click(panel.getByRole('button', { name: 'Invite' }));
    expect(await panel.findByText('Bob Member is now a member.')).toBeTruthy();
    expect(panel.getAllByRole('listitem').map((item) => item.textContent)).toEqual([
      'AO Alice Owner Owner',
      'BM Bob Member Member Remove',
    ]);
    // the filter bar's assignee choices are the same cache entry
    expect(
      [...(screen.getByRole('combobox', { name: 'Assignee' }) as HTMLSelectElement).options].map(
        (option) => option.text,
      ),
    ).toContain('Bob Member');
  });
});

describe('removing members and leaving', () => {
  const members = () => within(screen.getByRole('region', { name: 'Members' }));
  const names = () =>
    members()
      .getAllByRole('listitem')
      .map((item) => item.querySelector('.member-name')?.textContent);
  const noBoards = mockData(
    BoardsPageQuery,
    {},
    {
      boards: {
        __typename: 'BoardConnection',
        totalCount: 0,
        pageInfo: { __typename: 'PageInfo', hasNextPage: false, endCursor: null },
        edges: [],
      },
    },
  );

  it('the owner may remove others, not themself, and only after confirming', async () => {
    const { user } = renderApp('/boards/1', [
      board(),
      mockData(RemoveMemberMutation, { boardId: '1', userId: BOB.id }, { removeMember: true }, { delay: 100 }),
    ]);
    await screen.findByRole('heading', { level: 1, name: 'Launch plan' });
    expect(members().queryByRole('button', { name: 'Remove Alice Owner' })).toBeNull();
    await user.click(members().getByRole('button', { name: 'Remove Bob Member' }));
    const dialog = within(screen.getByRole('dialog', { name: 'Remove member' }));
    expect(dialog.getByText(/tasks assigned to them here become unassigned/)).toBeTruthy();
    await user.click(dialog.getByRole('button', { name: 'Cancel' }));
    expect(names()).toEqual(['Alice Owner', 'Bob Member']);

    await user.click(members().getByRole('button', { name: 'Remove Bob Member' }));
    await user.click(screen.getByRole('button', { name: 'Remove member' }));
    // at once, and focus goes to the panel rather than being lost with the row
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(names()).toEqual(['Alice Owner']);
    await waitFor(() => expect(document.activeElement).toBe(members().getByRole('heading', { name: 'Members' })));
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(names()).toEqual(['Alice Owner']);
  });

  it('a refused removal puts the member back and says why', async () => {
    const { user } = renderApp('/boards/1', [
      board(),
      mockErrors(
        RemoveMemberMutation,
        { boardId: '1', userId: BOB.id },
        [gqlError('FORBIDDEN', 'Only the board’s owner can remove other members.')],
        // long enough that the optimistic removal is still on screen when the click returns, however
        // loaded the machine (with 50 ms, CI once saw the answer arrive first)
        { delay: 750 },
      ),
    ]);
    await screen.findByRole('heading', { level: 1, name: 'Launch plan' });
    await user.click(members().getByRole('button', { name: 'Remove Bob Member' }));
    await user.click(screen.getByRole('button', { name: 'Remove member' }));
    expect(names()).toEqual(['Alice Owner']);
    expect((await members().findByRole('alert')).textContent).toMatch(
      /^Only the board’s owner can remove other members\./,
    );
    expect(names()).toEqual(['Alice Owner', 'Bob Member']);
  });

  it('the only owner cannot leave, and is told why instead of being offered it', async () => {
    renderApp('/boards/1', [board()]);
    await screen.findByRole('heading', { level: 1, name: 'Launch plan' });
    expect(members().queryByRole('button', { name: 'Leave board' })).toBeNull();
    expect(members().getByText(/only owner, so you cannot leave it/)).toBeTruthy();
  });

  it('a member leaves after confirming: to the boards list, which says so', async () => {
    const asMember = [
      { __typename: 'Member' as const, role: 'OWNER' as const, user: BOB },
      { __typename: 'Member' as const, role: 'MEMBER' as const, user: VIEWER },
    ];
    const { user, history } = renderApp('/boards/1', [
      board('MEMBER', asMember),
      mockData(RemoveMemberMutation, { boardId: '1', userId: VIEWER.id }, { removeMember: true }, { delay: 50 }),
      noBoards,
    ]);
    await screen.findByRole('heading', { level: 1, name: 'Launch plan' });
    expect(members().queryByRole('button', { name: /^Remove/ })).toBeNull();
    await user.click(members().getByRole('button', { name: 'Leave board' }));
    const dialog = within(screen.getByRole('dialog', { name: 'Leave board' }));
    expect(dialog.getByText(/You will no longer see it or its tasks/)).toBeTruthy();
    await user.click(dialog.getByRole('button', { name: 'Leave board' }));
    expect((await screen.findByRole('alert')).textContent).toMatch(/^You left the board "Launch plan"\./);
    expect(history.location.pathname).toBe('/');
  });

  it('when leaving is refused, the dialog shows the API’s reason and the page stays', async () => {
    const asMember = [
      { __typename: 'Member' as const, role: 'OWNER' as const, user: BOB },
      { __typename: 'Member' as const, role: 'MEMBER' as const, user: VIEWER },
    ];
    const { user, history } = renderApp('/boards/1', [
      board('MEMBER', asMember),
      mockErrors(RemoveMemberMutation, { boardId: '1', userId: VIEWER.id }, [
        gqlError('BAD_USER_INPUT', 'The input is not valid.', {
          fields: { userId: ['is the only owner; delete the board instead, or add another owner first'] },
        }),
      ]),
    ]);
    await screen.findByRole('heading', { level: 1, name: 'Launch plan' });
    await user.click(members().getByRole('button', { name: 'Leave board' }));
    const dialog = within(screen.getByRole('dialog', { name: 'Leave board' }));
    await user.click(dialog.getByRole('button', { name: 'Leave board' }));
    expect((await dialog.findByRole('alert')).textContent).toBe(
      'Member is the only owner; delete the board instead, or add another owner first.',
    );
    expect(history.location.pathname).toBe('/boards/1');
  });
});
