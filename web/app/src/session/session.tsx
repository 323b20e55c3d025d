import { forgetAllDrafts } from '../lib/drafts';
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { api, clearTokens, login as apiLogin, logout as apiLogout, onSessionEnded, refresh, type LoginResult } from '../api/client';
import { UnreachableError } from '../api/problem';
import type { Me } from '../api/types';
import { navigate } from '../app/router';

/**
 * Who is signed in, held in memory. On start the app tries the refresh cookie once, so a reload keeps
 * the session without anything in browser storage. `notice` is the one-line message the sign-in page
 * shows (session ended, signed out); it lives here, never in the URL.
 */
interface SessionState {
  status: 'starting' | 'anonymous' | 'signed-in';
  me: Me | null;
  notice: string | null;
  /** The page a signed-out user asked for, to return to after signing in. */
  returnTo: string | null;
}

interface SessionApi extends SessionState {
  signIn(email: string, password: string): Promise<LoginResult>;
  signOut(): Promise<void>;
  reloadMe(): Promise<void>;
  setReturnTo(path: string | null): void;
  /** Shows a one-line message on the sign-in page (e.g. why a page sent the user there). */
  showNotice(notice: string): void;
  clearNotice(): void;
}

const SessionContext = createContext<SessionApi | null>(null);

/**
 * The email of an account just created whose automatic sign-in failed, for the sign-in page to fill in. Held in
 * memory only (never storage or the URL), and forgotten at the next sign-in or when the sign-in page closes.
 */
let createdAccountEmail = '';

export function rememberCreatedAccountEmail(email: string): void {
  createdAccountEmail = email;
}

export function createdAccountEmailToFill(): string {
  return createdAccountEmail;
}

export function forgetCreatedAccountEmail(): void {
  createdAccountEmail = '';
}

export function useSession(): SessionApi {
  const s = useContext(SessionContext);
  if (!s) throw new Error('useSession outside SessionProvider');
  return s;
}

export function SessionProvider({ children }: { children: ReactNode }) {
  const [state, setState] = useState<SessionState>({ status: 'starting', me: null, notice: null, returnTo: null });

  const loadMe = useCallback(async () => {
    const me = await api.get<Me>('/api/auth/me');
    setState((s) => ({ ...s, status: 'signed-in', me, notice: null }));
  }, []);

  useEffect(() => {
    let cancelled = false;
    (async () => {
      try {
        if (await refresh()) {
          if (!cancelled) await loadMe();
          return;
        }
      } catch (e) {
        if (!(e instanceof UnreachableError)) clearTokens();
      }
      if (!cancelled) setState((s) => ({ ...s, status: 'anonymous' }));
    })();
    return () => {
      cancelled = true;
    };
  }, [loadMe]);

  useEffect(() => onSessionEnded(() => {
    setState((s) => ({
      status: 'anonymous',
      me: null,
      notice: s.status === 'signed-in' ? 'Your session has ended. Please sign in again.' : s.notice,
      returnTo: s.returnTo ?? window.location.pathname,
    }));
    navigate('/sign-in', { replace: true });
  }), []);

  const signIn = useCallback(async (email: string, password: string) => {
    const result = await apiLogin(email, password);
    forgetCreatedAccountEmail();
    if (result.accessToken) await loadMe();
    return result;
  }, [loadMe]);

  const signOut = useCallback(async () => {
    await apiLogout();
    forgetAllDrafts();
    setState({ status: 'anonymous', me: null, notice: 'You have signed out.', returnTo: null });
    navigate('/sign-in', { replace: true });
  }, []);

  const value = useMemo<SessionApi>(() => ({
    ...state,
    signIn,
    signOut,
    reloadMe: loadMe,
    setReturnTo: (returnTo) => setState((s) => ({ ...s, returnTo })),
    showNotice: (notice) => setState((s) => ({ ...s, notice })),
    clearNotice: () => setState((s) => ({ ...s, notice: null })),
  }), [state, signIn, signOut, loadMe]);

  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}
