// /signup: creates an account (name, email, password) and signs in to it.
import { useId, useState, type FormEvent } from 'react';
import { Link, useNavigate } from 'react-router';
import { ErrorMessage } from '../components/QueryState';
import { useSignUp } from '../mutations/useSignUp';

type Field = 'name' | 'email' | 'password';

export function SignUpPage() {
  const id = useId();
  const navigate = useNavigate();
  const [values, setValues] = useState<Record<Field, string>>({ name: '', email: '', password: '' });
  const { signUp, signingUp, error, fieldErrors } = useSignUp();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (await signUp(values)) void navigate('/', { replace: true });
  };

  const field = (name: Field, label: string, type: string, autoComplete: string, hint?: string) => {
    const problem = fieldErrors[name];
    const describedBy = [hint && `${id}-${name}-hint`, problem && `${id}-${name}-error`].filter(Boolean).join(' ');
    return (
      <div className="field">
        <label htmlFor={`${id}-${name}`}>{label}</label>
        <input
          id={`${id}-${name}`}
          type={type}
          autoComplete={autoComplete}
          value={values[name]}
          aria-invalid={problem ? true : undefined}
          aria-describedby={describedBy || undefined}
          onChange={(event) => setValues((current) => ({ ...current, [name]: event.target.value }))}
        />
        {hint && (
          <p id={`${id}-${name}-hint`} className="field-hint">
            {hint}
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
          {error && <ErrorMessage error={error} />}
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
