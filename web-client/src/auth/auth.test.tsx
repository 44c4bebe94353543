import { ServerError } from '@apollo/client/errors';
import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { ViewerQuery } from '../apollo/viewer';
import { BoardsPageQuery } from '../board-list/BoardsPage';
import { BoardPageQuery } from '../board/BoardPage';
import { FilteredTasksQuery } from '../board/filters/useFilteredTasks';
import { SignInMutation } from '../mutations/useSignIn';
import { SignOutMutation } from '../mutations/useSignOut';
import { SignUpMutation } from '../mutations/useSignUp';
import { gqlError, mockData, mockErrors, renderApp } from '../test/apollo';
import { BOARD_PAGE_VARS, boardPage, VIEWER } from '../test/fixtures';

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
const header = () => screen.getByRole('banner');

describe('signing in and out', () => {
  it('sends a signed-out visitor to the sign-in page', async () => {
    const { history } = renderApp('/', [], { viewer: null });
    expect(await screen.findByRole('heading', { name: 'Sign in' })).toBeTruthy();
    expect(history.location.pathname).toBe('/signin');
    expect(within(header()).queryByRole('button', { name: 'Sign out' })).toBeNull();
  });

  it('after signing in, takes the visitor back to the page they were sent away from', async () => {
    const { user, history } = renderApp(
      '/boards/1?q=brief',
      [
        mockData(
          SignInMutation,
          { input: { email: VIEWER.email, password: 'secret-pw' } },
          { signIn: { __typename: 'AuthPayload', user: VIEWER } },
        ),
        mockData(ViewerQuery, {}, { me: VIEWER }),
        mockData(BoardPageQuery, BOARD_PAGE_VARS, boardPage()),
        mockData(
          FilteredTasksQuery,
          { boardId: '1', query: 'brief' },
          {
            searchTasks: {
              __typename: 'TaskConnection',
              totalCount: 0,
              pageInfo: { __typename: 'PageInfo', hasNextPage: false, endCursor: null },
              edges: [],
            },
          },
        ),
      ],
      { viewer: null },
    );
    await screen.findByRole('heading', { name: 'Sign in' });
    expect(history.location).toEqual({
      pathname: '/signin',
      search: '',
      state: { from: '/boards/1?q=brief' },
    });
    await user.type(screen.getByRole('textbox', { name: 'Email' }), VIEWER.email);
    await user.type(screen.getByLabelText('Password'), 'secret-pw');
    await user.click(screen.getByRole('button', { name: 'Sign in' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'Launch plan' })).toBeTruthy();
    expect(history.location).toMatchObject({ pathname: '/boards/1', search: '?q=brief' });
    expect(history.action).toBe('REPLACE');
  });

  it('says why a sign-in was refused', async () => {
    const { user } = renderApp(
      '/signin',
      [
        mockErrors(SignInMutation, { input: { email: 'alice@example.com', password: 'wrong' } }, [
          gqlError('UNAUTHENTICATED', 'The email or password is not right.'),
        ]),
      ],
      { viewer: null },
    );
    await user.type(screen.getByRole('textbox', { name: 'Email' }), 'alice@example.com');
    await user.type(screen.getByLabelText('Password'), 'wrong');
    await user.click(screen.getByRole('button', { name: 'Sign in' }));
    expect((await screen.findByRole('alert')).textContent).toBe('The email or password is not right.');
    expect(screen.getByRole('link', { name: 'Create an account' }).getAttribute('href')).toBe('/signup');
  });

  it('signs in, shows the user in the header, and opens their boards', async () => {
    const { user } = renderApp(
      '/signin',
      [
        mockData(
          SignInMutation,
          { input: { email: VIEWER.email, password: 'secret-pw' } },
          {
            signIn: { __typename: 'AuthPayload', user: VIEWER },
          },
        ),
        mockData(ViewerQuery, {}, { me: VIEWER }),
        noBoards,
      ],
      { viewer: null },
    );
    await user.type(screen.getByRole('textbox', { name: 'Email' }), VIEWER.email);
    await user.type(screen.getByLabelText('Password'), 'secret-pw');
    await user.click(screen.getByRole('button', { name: 'Sign in' }));
    expect(await screen.findByRole('heading', { name: 'Your boards' })).toBeTruthy();
    expect(await within(header()).findByText(VIEWER.name)).toBeTruthy();
    expect(within(header()).getByRole('link', { name: 'Boards' })).toBeTruthy();
    // the playground is for developers: in the footer, not the main navigation
    expect(within(header()).queryByRole('link', { name: /playground/i })).toBeNull();
    expect(within(screen.getByRole('contentinfo')).getByRole('link', { name: 'GraphQL playground' })).toBeTruthy();
    expect(within(header()).getByRole('button', { name: 'Sign out' })).toBeTruthy();
  });

  it('signs out, back to the sign-in page', async () => {
    const { user, history } = renderApp('/', [noBoards, mockData(SignOutMutation, {}, { signOut: true })]);
    await screen.findByRole('heading', { name: 'Your boards' });
    await user.click(within(header()).getByRole('button', { name: 'Sign out' }));
    expect(await screen.findByRole('heading', { name: 'Sign in' })).toBeTruthy();
    expect(history.location.pathname).toBe('/signin');
    await waitFor(() => expect(within(header()).queryByRole('button', { name: 'Sign out' })).toBeNull());
  });

  it('shows the server’s problems with the sign-up once each, at their fields, and focuses the first', async () => {
    const { user } = renderApp(
      '/signup',
      [
        mockErrors(SignUpMutation, { input: { name: 'Ada', email: 'ada@example.com', password: 'long enough' } }, [
          gqlError('BAD_USER_INPUT', 'The input is not valid.', {
            fields: { email: ['is already registered; sign in instead'] },
          }),
        ]),
      ],
      { viewer: null },
    );
    expect(screen.getByRole('heading', { name: 'Create your account' })).toBeTruthy();
    await user.type(screen.getByRole('textbox', { name: 'Name' }), 'Ada');
    await user.type(screen.getByRole('textbox', { name: 'Email' }), 'ada@example.com');
    await user.type(screen.getByLabelText('Password'), 'long enough');
    await user.click(screen.getByRole('button', { name: 'Sign up' }));
    const email = screen.getByRole('textbox', { name: 'Email' });
    await waitFor(() => expect(email.getAttribute('aria-invalid')).toBe('true'));
    expect(screen.getAllByText('Email is already registered; sign in instead.')).toHaveLength(1);
    // once: not again in a general message
    expect(screen.queryByRole('alert')).toBeNull();
    expect(document.activeElement).toBe(email);
    expect(screen.getByRole('link', { name: 'Sign in' }).getAttribute('href')).toBe('/signin');
  });

  it('checks the sign-up form before sending it: nothing goes to the server until it is right', async () => {
    // no mocks: anything sent would fail the form with a general error
    const { user } = renderApp('/signup', [], { viewer: null });
    await user.type(screen.getByRole('textbox', { name: 'Email' }), 'ada@example');
    await user.type(screen.getByLabelText('Password'), 'short');
    await user.click(screen.getByRole('button', { name: 'Sign up' }));
    expect(screen.getByText('Enter your name.')).toBeTruthy();
    expect(screen.getByText('Email must be an email address, like ada@example.com.')).toBeTruthy();
    expect(screen.getByText('Password must be 8 to 128 characters.')).toBeTruthy();
    // once: the error takes the place of the field's hint, which said the same
    expect(screen.queryByText('8 to 128 characters.')).toBeNull();
    expect(screen.getByLabelText('Password').getAttribute('aria-describedby')?.split(' ')).toHaveLength(1);
    expect(document.activeElement).toBe(screen.getByRole('textbox', { name: 'Name' }));
    expect(screen.queryByRole('alert')).toBeNull();
    // fixing a field takes its message away
    await user.type(screen.getByRole('textbox', { name: 'Name' }), 'Ada');
    expect(screen.queryByText('Enter your name.')).toBeNull();
  });
});

describe('with the API down (the web server answers 502)', () => {
  it('a sign-in says to try again, and promises no retry it does not make', async () => {
    const down = new ServerError('Bad Gateway', {
      response: new Response('Bad Gateway', { status: 502 }),
      bodyText: 'Bad Gateway',
    });
    const { user } = renderApp(
      '/signin',
      [
        {
          request: { query: SignInMutation, variables: { input: { email: VIEWER.email, password: 'secret-pw' } } },
          error: down,
        },
      ],
      { viewer: null },
    );
    await user.type(screen.getByRole('textbox', { name: 'Email' }), VIEWER.email);
    await user.type(screen.getByLabelText('Password'), 'secret-pw');
    await user.click(screen.getByRole('button', { name: 'Sign in' }));
    expect((await screen.findByRole('alert')).textContent).toBe(
      'Taskboard is not answering right now. Try again in a moment.',
    );
  });
});

describe('signing in, checked first', () => {
  it('an empty form says what is missing at each field, sends nothing and focuses the first', async () => {
    const { user } = renderApp('/signin', [], { viewer: null });
    await user.click(screen.getByRole('button', { name: 'Sign in' }));
    expect(screen.getByText('Enter your email address.')).toBeTruthy();
    expect(screen.getByText('Enter your password.')).toBeTruthy();
    const email = screen.getByRole('textbox', { name: 'Email' });
    expect(email.getAttribute('aria-invalid')).toBe('true');
    expect(document.activeElement).toBe(email);
    expect(screen.queryByRole('alert')).toBeNull();
  });
});
