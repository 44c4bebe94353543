// What the sign-in and sign-up forms check before sending, in the API's own words and limits
// (gateway-api/src/modules/auth/auth.input.ts), so that an empty or malformed form never costs a
// request (nor a failed sign-in on the account's count) and each problem shows once, at its field.

export type SignUpField = 'name' | 'email' | 'password';
export type SignInField = 'email' | 'password';

const PASSWORD_MIN = 8;
const PASSWORD_MAX = 128;
/** something@something.something, no spaces: the API checks the rest */
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

function email(value: string): string | undefined {
  const trimmed = value.trim();
  if (!trimmed) return 'Enter your email address.';
  if (!EMAIL.test(trimmed)) return 'Email must be an email address, like ada@example.com.';
  if (trimmed.length > 191) return 'Email must be at most 191 characters.';
  return undefined;
}

export function validateSignUp(values: Record<SignUpField, string>): Partial<Record<SignUpField, string>> {
  const problems: Partial<Record<SignUpField, string>> = {};
  const name = values.name.trim();
  if (!name) problems.name = 'Enter your name.';
  else if (name.length > 100) problems.name = 'Name must be at most 100 characters.';
  const emailProblem = email(values.email);
  if (emailProblem) problems.email = emailProblem;
  const length = [...values.password].length;
  if (length < PASSWORD_MIN || length > PASSWORD_MAX) {
    problems.password = `Password must be ${PASSWORD_MIN} to ${PASSWORD_MAX} characters.`;
  }
  return problems;
}

export function validateSignIn(values: Record<SignInField, string>): Partial<Record<SignInField, string>> {
  const problems: Partial<Record<SignInField, string>> = {};
  if (!values.email.trim()) problems.email = 'Enter your email address.';
  if (!values.password) problems.password = 'Enter your password.';
  return problems;
}
