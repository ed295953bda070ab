import { useState, type FormEvent } from 'react';
import { ApiError, pageUrl, postJson } from '../api/http';
import { Scanlines } from '../common/Scanlines';
import type { Me } from '../state/types';
import { afterLoginPath } from './nextTarget';

export interface LoginAppProps {
  navigate?: (url: string) => void;
  search?: string;
}

const defaultNavigate = (url: string) => window.location.assign(url);

export function LoginApp({ navigate = defaultNavigate, search = window.location.search }: LoginAppProps) {
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (busy) return;
    setBusy(true);
    setError('');
    try {
      const me = await postJson<Me>('api/auth/login/', { username, password });
      const next = new URLSearchParams(search).get('next');
      navigate(pageUrl(afterLoginPath(next, me.role)));
    } catch (err) {
      setError(err instanceof ApiError ? err.message : 'Connection failed — try again');
      setBusy(false);
    }
  };

  return (
    <main className="login-page">
      <form className="crt-panel login-panel" onSubmit={submit} aria-label="Login">
        <h1 className="crt-panel-title">CHARON // AUTHENTICATION</h1>
        <div className="login-body">
          <label className="login-field">
            <span>USER ID</span>
            <input
              className="crt-input"
              name="username"
              autoComplete="username"
              autoFocus
              value={username}
              onChange={(e) => setUsername(e.target.value)}
              required
            />
          </label>
          <label className="login-field">
            <span>ACCESS CODE</span>
            <input
              className="crt-input"
              name="password"
              type="password"
              autoComplete="current-password"
              value={password}
              onChange={(e) => setPassword(e.target.value)}
              required
            />
          </label>
          {error && (
            <div className="login-error" role="alert" data-testid="login-error">
              &gt; {error}
            </div>
          )}
          <button type="submit" className="crt-button login-submit" disabled={busy}>
            {busy ? 'VERIFYING...' : 'LOG IN'}
          </button>
        </div>
      </form>
      <Scanlines />
    </main>
  );
}
