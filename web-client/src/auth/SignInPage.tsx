// /signin: email and password. After signing in, the user goes back where the guard found them.
import { useId, useState, type FormEvent } from 'react';
import { Link, useLocation, useNavigate } from 'react-router';
import { ErrorMessage } from '../components/QueryState';
import { useSignIn } from '../mutations/useSignIn';

/** Only paths of this app: never an absolute URL someone put in the history state. */
const returnPath = (state: unknown): string => {
  const from = (state as { from?: unknown } | null)?.from;
  return typeof from === 'string' && from.startsWith('/') && !from.startsWith('//') ? from : '/';
};

export function SignInPage() {
  const id = useId();
  const navigate = useNavigate();
  const location = useLocation();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const { signIn, signingIn, error } = useSignIn();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (await signIn(email, password)) void navigate(returnPath(location.state), { replace: true });
  };

  return (
    <div className="page auth-page">
      <title>Sign in · Taskboard</title>
      <div className="auth-card">
        <h1>Sign in</h1>
        <form onSubmit={(event) => void submit(event)} noValidate>
          <div className="field">
            <label htmlFor={`${id}-email`}>Email</label>
            <input
              id={`${id}-email`}
              type="email"
              autoComplete="username"
              value={email}
              onChange={(event) => setEmail(event.target.value)}
            />
          </div>
          <div className="field">
            <label htmlFor={`${id}-password`}>Password</label>
            <input
              id={`${id}-password`}
              type="password"
              autoComplete="current-password"
              value={password}
              onChange={(event) => setPassword(event.target.value)}
            />
          </div>
          {error && <ErrorMessage error={error} />}
          <button type="submit" className="button-wide" disabled={signingIn}>
            Sign in
          </button>
        </form>
        <p>
          New here? <Link to="/signup">Create an account</Link>
        </p>
      </div>
    </div>
  );
}
