import { useState, type FormEvent } from 'react';
import { ApiError, formErrorsOf } from '../../../api/errors';
import { Alert } from '../../../components/Alert';
import { FormField } from '../../../components/FormField';
import { formatWait } from '../../../lib/format';
import { useSignIn } from '../api/auth';

const FIELDS = ['username', 'password'] as const;

/** Username and password; the service's refusal (wrong password, locked out for a while, …) shown above the button. */
export function SignInForm() {
  const signIn = useSignIn();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    signIn.mutate({ username: username.trim(), password });
  };
  const errors = signIn.error ? formErrorsOf(signIn.error, FIELDS) : undefined;

  return (
    <form className="form" onSubmit={submit} noValidate aria-label="Sign in">
      <FormField label="Username" name="username" autoComplete="username" autoCapitalize="none" spellCheck={false} required
        value={username} onChange={(e) => setUsername(e.target.value)} error={errors?.fields.username} />
      <FormField label="Password" name="password" type="password" autoComplete="current-password" required
        value={password} onChange={(e) => setPassword(e.target.value)} error={errors?.fields.password} />
      {errors?.form && <Alert tone="error">{signInProblem(signIn.error, errors.form)}</Alert>}
      <button type="submit" className="button button-primary" disabled={signIn.isPending}>
        {signIn.isPending ? 'Signing in…' : 'Sign in'}
      </button>
    </form>
  );
}

/** What to tell the person: the wrong password in plain words, and how long to wait when throttled. */
function signInProblem(error: Error | null, message: string): string {
  if (!(error instanceof ApiError)) return message;
  if (error.status === 401 && error.body.message === 'username or password is wrong') return 'Wrong username or password.';
  if (error.status === 429 && typeof error.body.retryAfterSeconds === 'number') {
    return `Too many failed sign-ins. Try again in ${formatWait(error.body.retryAfterSeconds)}.`;
  }
  return message;
}
