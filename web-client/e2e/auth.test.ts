// Accounts: sign up, sign out, a refused sign-in, sign in again.
import { checkA11y } from './support/axe.js';
import { screenshot } from './support/artifacts.js';
import { exact, newUser, signIn, signOut, signUp, visible } from './support/app.js';
import { describe, expect, test } from './support/fixtures.js';

describe('accounts', () => {
  test('sign-up page links to sign-in and passes axe', async ({ page }) => {
    await page.goto('/signup');
    await visible(page.getByRole('heading', exact('Create your account')));
    await checkA11y(page, 'the sign-up page');
    await screenshot(page, 'sign-up');
    await page.getByRole('link', exact('Sign in')).click();
    await visible(page.getByRole('heading', exact('Sign in')));
    await page.getByRole('link', exact('Create an account')).click();
    await visible(page.getByRole('heading', exact('Create your account')));
  });

  test('a new user signs up, signs out, is refused a wrong password, and signs in', async ({ page }) => {
    const user = newUser();
    await signUp(page, user);
    await visible(page.getByRole('link', exact('Boards')));
    await visible(page.getByRole('contentinfo').getByRole('link', exact('GraphQL playground')));
    await visible(page.getByText('No boards yet'));

    await signOut(page);
    await checkA11y(page, 'the sign-in page');
    await screenshot(page, 'sign-in');

    await page.getByRole('textbox', exact('Email')).fill(user.email);
    await page.getByRole('textbox', exact('Password')).fill(`${user.password}-wrong`);
    await page.getByRole('button', exact('Sign in')).click();
    const alert = page.getByRole('alert');
    await visible(alert);
    expect(await alert.innerText()).not.toBe('');
    await visible(page.getByRole('heading', exact('Sign in')));

    await signIn(page, user);
    // The session survives a reload: it lives in the cookie, not in page state.
    await page.reload();
    await visible(page.getByRole('heading', exact('Your boards')));
  });

  test('pages that need an account send a signed-out visitor to sign in', async ({ page }) => {
    await page.goto('/');
    await visible(page.getByRole('heading', exact('Sign in')));
    // nothing for developers to see here
    expect(await page.getByRole('link', { name: /playground/i }).count()).toBe(0);
    // an empty form is checked before it is sent
    await page.getByRole('button', exact('Sign in')).click();
    await visible(page.getByText('Enter your email address.'));
    await visible(page.getByText('Enter your password.'));
    await screenshot(page, 'sign-in-empty');
  });
});
