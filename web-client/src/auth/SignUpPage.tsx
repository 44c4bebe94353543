// /signup: creates an account (name, email, password) and signs in to it.
import { useId, useState, type FormEvent } from 'react';
import { Link, useNavigate } from '../routing';
import { ErrorMessage } from '../components/QueryState';
import { useSignUp } from '../mutations/useSignUp';
import { useFocusFirstProblem } from './useFocusFirstProblem';
import { validateSignUp, type SignUpField as Field } from './validation';

const FIELDS: Field[] = ['name', 'email', 'password'];

export function SignUpPage() {
  const id = useId();
  const navigate = useNavigate();
  const [values, setValues] = useState<Record<Field, string>>({ name: '', email: '', password: '' });
  const { signUp, signingUp, error, fieldErrors } = useSignUp();
  // found before sending; the server's per-field answers take their place after a send
  const [checked, setChecked] = useState<Partial<Record<Field, string>>>({});
  const problems: Partial<Record<Field, string>> = { ...fieldErrors, ...checked };
  // each problem shows once, at its field: the general message only when no field is to blame
  const generalError = error && !FIELDS.some((name) => fieldErrors[name]) ? error : null;

  const { inputRef, focusFirstProblem } = useFocusFirstProblem(FIELDS, problems);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const found = validateSignUp(values);
    setChecked(found);
    if (Object.keys(found).length) {
      focusFirstProblem();
      return;
    }
    const ok = await signUp(values);
    if (ok) navigate('/', { replace: true });
    else focusFirstProblem();
  };

  const field = (name: Field, label: string, type: string, autoComplete: string, hint?: string) => {
    const problem = problems[name];
    // a problem takes the hint's place: "8 to 128 characters." above "Password must be 8 to 128
    // characters." said the same thing twice
    const shownHint = problem ? undefined : hint;
    const describedBy = [shownHint && `${id}-${name}-hint`, problem && `${id}-${name}-error`].filter(Boolean).join(' ');
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
          aria-describedby={describedBy || undefined}
          onChange={(event) => {
            setValues((current) => ({ ...current, [name]: event.target.value }));
            if (checked[name]) setChecked(({ [name]: _fixed, ...rest }) => rest);
          }}
        />
        {shownHint && (
          <p id={`${id}-${name}-hint`} className="field-hint">
            {shownHint}
          </p>
        )}
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
      <title>Create your account · Taskboard</title>
      <div className="auth-card">
        <h1>Create your account</h1>
        <form onSubmit={(event) => void submit(event)} noValidate>
          {field('name', 'Name', 'text', 'name')}
          {field('email', 'Email', 'email', 'email')}
          {field('password', 'Password', 'password', 'new-password', '8 to 128 characters.')}
          {generalError && <ErrorMessage error={generalError} />}
          <button type="submit" className="button-wide" disabled={signingUp}>
            Sign up
          </button>
        </form>
        <p>
          Already have an account? <Link to="/signin">Sign in</Link>
        </p>
      </div>
    </div>
  );
}
