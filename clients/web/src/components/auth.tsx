import { ChatApiError } from '@chat/client';
import { useState } from 'preact/hooks';

interface Props {
  onSignIn(username: string, password: string): Promise<void>;
  onRegister(username: string, email: string, password: string): Promise<void>;
}

/** What a refusal says to a person (the field errors of a 400 by name). */
export function errorText(error: unknown): string {
  if (error instanceof ChatApiError) {
    if (error.status === 401) return 'Wrong username or password.';
    if (error.status === 409) return 'That username or e-mail is already taken.';
    if (error.status === 429) return `Too many attempts: try again in ${error.retryAfter ?? 60} s.`;
    const fields = (error.details ?? []).map((d) => `${d.field}: ${d.message}`).join('; ');
    return fields ? `${error.message} (${fields})` : error.message;
  }
  if (error instanceof TypeError) return 'The server cannot be reached. Is the local stack running?';
  return error instanceof Error ? error.message : String(error);
}

/** Sign in, or create an account (then sign in). */
export function AuthScreen({ onSignIn, onRegister }: Props) {
  const [mode, setMode] = useState<'login' | 'register'>('login');
  const [username, setUsername] = useState('');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();

  const submit = async (event: Event) => {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      if (mode === 'login') await onSignIn(username.trim().toLowerCase(), password);
      else await onRegister(username.trim().toLowerCase(), email.trim(), password);
    } catch (failure) {
      setError(errorText(failure));
      setBusy(false);
    }
  };

  const registering = mode === 'register';
  return (
    <main class="auth">
      <form class="auth-card" onSubmit={submit} aria-labelledby="auth-title">
        <div class="brand" aria-hidden="true">
          <span class="brand-mark">#</span> chat
        </div>
        <h1 id="auth-title">{registering ? 'Create your account' : 'Welcome back'}</h1>
        <p class="muted">{registering ? 'It takes ten seconds.' : 'Sign in to your rooms and messages.'}</p>
        <label>
          Username
          <input
            name="username"
            autoComplete="username"
            required
            minLength={3}
            maxLength={32}
            pattern="[A-Za-z0-9_.\-]{3,32}"
            title="3 to 32 of a-z, 0-9, _ . -"
            value={username}
            onInput={(e) => setUsername(e.currentTarget.value)}
          />
        </label>
        {registering && (
          <label>
            E-mail
            <input
              name="email"
              type="email"
              autoComplete="email"
              required
              value={email}
              onInput={(e) => setEmail(e.currentTarget.value)}
            />
          </label>
        )}
        <label>
          Password
          <input
            name="password"
            type="password"
            autoComplete={registering ? 'new-password' : 'current-password'}
            required
            minLength={8}
            value={password}
            onInput={(e) => setPassword(e.currentTarget.value)}
          />
        </label>
        {registering && (
          <p class="hint">At least 8 characters with upper and lower case letters and a digit.</p>
        )}
        {error && (
          <p class="form-error" role="alert">
            {error}
          </p>
        )}
        <button class="primary wide" type="submit" disabled={busy}>
          {busy ? 'Please wait…' : registering ? 'Create account' : 'Sign in'}
        </button>
        <p class="switch">
          {registering ? 'Already have an account?' : 'New here?'}{' '}
          <button
            type="button"
            class="link"
            onClick={() => {
              setMode(registering ? 'login' : 'register');
              setError(undefined);
            }}
          >
            {registering ? 'Sign in' : 'Create an account'}
          </button>
        </p>
      </form>
    </main>
  );
}
