// /signin: email and password. After signing in, the user goes back where the guard found them.
import { useId, useState, type FormEvent } from 'react';
import { Link, useLocation, useNavigate } from '../routing';
import { ErrorMessage } from '../components/QueryState';
import { useSignIn } from '../mutations/useSignIn';
import { useFocusFirstProblem } from './useFocusFirstProblem';
import { validateSignIn, type SignInField as Field } from './validation';

/** Only paths of this app: never an absolute URL someone put in the history state. */
const returnPath = (state: unknown): string => {
  const from = (state as { from?: unknown } | null)?.from;
  return typeof from === 'string' && from.startsWith('/') && !from.startsWith('//') ? from : '/';
};

const FIELDS: Field[] = ['email', 'password'];

export function SignInPage() {
  const id = useId();
  const navigate = useNavigate();
  const location = useLocation();
  const [values, setValues] = useState<Record<Field, string>>({ email: '', password: '' });
  const { signIn, signingIn, error } = useSignIn();
  // an empty field is said at the field, before anything is sent
  const [problems, setProblems] = useState<Partial<Record<Field, string>>>({});
  const { inputRef, focusFirstProblem } = useFocusFirstProblem(FIELDS, problems);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const found = validateSignIn(values);
    setProblems(found);
    if (Object.keys(found).length) {
      focusFirstProblem();
      return;
    }
    if (await signIn(values.email, values.password)) navigate(returnPath(location.state), { replace: true });
  };

  const field = (name: Field, label: string, type: string, autoComplete: string) => {
    const problem = problems[name];
    return (
      <div className="field">
        <label htmlFor={`${id}-${name}`}>{label}</label>
        <input
          id={`${id}-${name}`}
          ref={inputRef(name)}
          type={type}
          autoComplete={autoComplete}
          value={values[name]}
          aria-invalid={problem ? true : undefined}
          aria-describedby={problem ? `${id}-${name}-error` : undefined}
          onChange={(event) => {
            setValues((current) => ({ ...current, [name]: event.target.value }));
            if (problem) setProblems(({ [name]: _fixed, ...rest }) => rest);
          }}
        />
        {problem && (
          <p id={`${id}-${name}-error`} className="field-error">
            {problem}
          </p>
        )}
      </div>
    );
  };

  return (
    <div className="page auth-page">
      <title>Sign in · Taskboard</title>
      <div className="auth-card">
        <h1>Sign in</h1>
        <form onSubmit={(event) => void submit(event)} noValidate>
          {field('email', 'Email', 'email', 'username')}
          {field('password', 'Password', 'password', 'current-password')}
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
