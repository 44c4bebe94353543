import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { ViewerQuery } from '../apollo/viewer';
import { BoardsPageQuery } from '../board-list/BoardsPage';
import { SignInMutation } from '../mutations/useSignIn';
import { SignOutMutation } from '../mutations/useSignOut';
import { SignUpMutation } from '../mutations/useSignUp';
import { gqlError, mockData, mockErrors, renderApp } from '../test/apollo';
import { VIEWER } from '../test/fixtures';

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
    const { router } = renderApp('/', [], { viewer: null });
    expect(await screen.findByRole('heading', { name: 'Sign in' })).toBeTruthy();
    expect(router.state.location.pathname).toBe('/signin');
    expect(within(header()).queryByRole('button', { name: 'Sign out' })).toBeNull();
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
    expect(within(header()).getByRole('link', { name: 'Playground' })).toBeTruthy();
    expect(within(header()).getByRole('button', { name: 'Sign out' })).toBeTruthy();
  });

  it('signs out, back to the sign-in page', async () => {
    const { user, router } = renderApp('/', [noBoards, mockData(SignOutMutation, {}, { signOut: true })]);
    await screen.findByRole('heading', { name: 'Your boards' });
    await user.click(within(header()).getByRole('button', { name: 'Sign out' }));
    expect(await screen.findByRole('heading', { name: 'Sign in' })).toBeTruthy();
    expect(router.state.location.pathname).toBe('/signin');
    await waitFor(() => expect(within(header()).queryByRole('button', { name: 'Sign out' })).toBeNull());
  });

  it('shows the sign-up form’s problems next to their fields', async () => {
    const { user } = renderApp(
      '/signup',
      [
        mockErrors(SignUpMutation, { input: { name: 'Ada', email: 'ada@example.com', password: 'short' } }, [
          gqlError('BAD_USER_INPUT', 'The input is not valid.', {
            fields: { password: ['must be 8 to 128 characters'], email: ['is already registered; sign in instead'] },
          }),
        ]),
      ],
      { viewer: null },
    );
    expect(screen.getByRole('heading', { name: 'Create your account' })).toBeTruthy();
    await user.type(screen.getByRole('textbox', { name: 'Name' }), 'Ada');
    await user.type(screen.getByRole('textbox', { name: 'Email' }), 'ada@example.com');
    await user.type(screen.getByLabelText('Password'), 'short');
    await user.click(screen.getByRole('button', { name: 'Sign up' }));
    expect((await screen.findByRole('alert')).textContent).toBe(
      'Password must be 8 to 128 characters. Email is already registered; sign in instead.',
    );
    const password = screen.getByLabelText('Password');
    expect(password.getAttribute('aria-invalid')).toBe('true');
    expect(screen.getByText('Password must be 8 to 128 characters')).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Sign in' }).getAttribute('href')).toBe('/signin');
  });
});
