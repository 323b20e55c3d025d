import { ApiError, SessionEndedError, UnreachableError, type Problem } from './problem';
import { markReachable, markUnreachable } from './connectivity';

/**
 * The one way the app talks to /api. Tokens live in this module's variables only — never in
 * localStorage, sessionStorage, IndexedDB, cookies set by script, or URLs — so a reload or a new tab
 * starts from the HttpOnly refresh cookie (API.md "Browser sessions": X-Token-Transport: cookie).
 */

export interface LoginResult {
  accessToken?: string;
  refreshToken?: string;
  expiresIn?: number;
  userId?: string;
  role?: Role;
  mfaRequired?: boolean;
  mfaToken?: string;
}

export type Role = 'client' | 'therapist' | 'admin';

const COOKIE_TRANSPORT = { 'X-Token-Transport': 'cookie' };

let accessToken: string | null = null;
/**
 * Only while auth-service still answers with a body refresh token despite the cookie header: kept in
 * memory like the access token, so the session survives in this tab but not a reload.
 */
let memoryRefreshToken: string | null = null;
let refreshing: Promise<boolean> | null = null;
const sessionEndListeners = new Set<() => void>();

/** Called when a refresh is refused: the session is over and the user must sign in again. */
export function onSessionEnded(listener: () => void): () => void {
  sessionEndListeners.add(listener);
  return () => sessionEndListeners.delete(listener);
}

export function hasAccessToken(): boolean {
  return accessToken !== null;
}

/** The current access token, for the notification socket's first message. */
export function currentAccessToken(): string | null {
  return accessToken;
}

export function clearTokens(): void {
  accessToken = null;
  memoryRefreshToken = null;
}

function adopt(result: LoginResult): void {
  if (result.accessToken) accessToken = result.accessToken;
  if (result.refreshToken) memoryRefreshToken = result.refreshToken;
}

export interface RequestOptions {
  /** Send the bearer token and refresh on 401 (default true). */
  auth?: boolean;
  headers?: Record<string, string>;
  signal?: AbortSignal;
}

/** GET/POST/PUT/DELETE on /api; resolves to the parsed JSON body (undefined for 204). */
export async function request<T>(method: string, path: string, body?: unknown, options: RequestOptions = {}): Promise<T> {
  const auth = options.auth ?? true;
  let res = await send(method, path, body, options, auth);
  if (res.status === 401 && auth) {
    if (!(await refresh())) {
      endSession();
      throw new SessionEndedError();
    }
    res = await send(method, path, body, options, auth);
    if (res.status === 401) {
      endSession();
      throw new SessionEndedError();
    }
  }
  return parse<T>(res);
}

export const api = {
  get: <T>(path: string, options?: RequestOptions) => request<T>('GET', path, undefined, options),
  post: <T>(path: string, body?: unknown, options?: RequestOptions) => request<T>('POST', path, body, options),
  put: <T>(path: string, body?: unknown, options?: RequestOptions) => request<T>('PUT', path, body, options),
  del: <T>(path: string, options?: RequestOptions) => request<T>('DELETE', path, undefined, options),
};

async function send(method: string, path: string, body: unknown, options: RequestOptions, auth: boolean): Promise<Response> {
  const headers: Record<string, string> = { Accept: 'application/json, application/problem+json', ...options.headers };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (auth && accessToken) headers.Authorization = `Bearer ${accessToken}`;
  let res: Response;
  try {
    res = await fetch(path, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      credentials: 'same-origin',
      cache: 'no-store',
      signal: options.signal,
    });
  } catch (e) {
    if (e instanceof DOMException && e.name === 'AbortError') throw e;
    markUnreachable();
    throw new UnreachableError();
  }
  // 502/504, and 503 without Retry-After: a backend is down. A 503 with Retry-After is a service that was
  // reached and said "busy, ask again then" (sign-in while auth-service's hashing queue is full): the form
  // shows what it said, and no offline banner claims the server is gone.
  if (res.status === 502 || res.status === 504 || (res.status === 503 && !res.headers.has('Retry-After'))) {
    markUnreachable();
    throw new UnreachableError();
  }
  markReachable();
  return res;
}

async function parse<T>(res: Response): Promise<T> {
  const text = await res.text();
  let json: unknown = undefined;
  if (text) {
    try {
      json = JSON.parse(text);
    } catch {
      json = undefined;
    }
  }
  if (!res.ok) {
    const retry = res.headers.get('Retry-After');
    throw new ApiError(res.status, (json as Problem) ?? null, retry ? Number(retry) : null);
  }
  return json as T;
}

/**
 * One refresh at a time: concurrent 401s wait for the same attempt. True when a new access token was
 * obtained (from the cookie, or from the in-memory token while auth-service lacks cookie transport).
 */
export function refresh(): Promise<boolean> {
  if (!refreshing) {
    refreshing = doRefresh().finally(() => {
      refreshing = null;
    });
  }
  return refreshing;
}

async function doRefresh(): Promise<boolean> {
  const body = memoryRefreshToken ? { refreshToken: memoryRefreshToken } : {};
  let res: Response;
  try {
    res = await send('POST', '/api/auth/refresh', body, { headers: COOKIE_TRANSPORT }, false);
  } catch (e) {
    if (e instanceof UnreachableError) throw e;
    return false;
  }
  if (!res.ok) {
    clearTokens();
    return false;
  }
  adopt(await parse<LoginResult>(res));
  return accessToken !== null;
}

/** For callers outside request() that find the session dead (the notification stream's refresh refused). */
export function endSession(): void {
  clearTokens();
  sessionEndListeners.forEach((l) => l());
}

export async function login(email: string, password: string): Promise<LoginResult> {
  const result = await request<LoginResult>('POST', '/api/login', { email, password },
    { auth: false, headers: COOKIE_TRANSPORT });
  adopt(result);
  return result;
}

export async function loginWithCode(mfaToken: string, code: string): Promise<LoginResult> {
  const result = await request<LoginResult>('POST', '/api/login/mfa', { mfaToken, code },
    { auth: false, headers: COOKIE_TRANSPORT });
  adopt(result);
  return result;
}

/** Ends the session on the server (token family and cookie), then forgets everything here. */
export async function logout(): Promise<void> {
  try {
    if (accessToken) {
      await request<void>('POST', '/api/auth/logout',
        memoryRefreshToken ? { refreshToken: memoryRefreshToken } : {},
        { headers: COOKIE_TRANSPORT });
    }
  } catch {
    // Signed out here whatever the server said: the tokens are forgotten below.
  } finally {
    clearTokens();
  }
}

/**
 * Changing the password revokes every access token issued before it, the caller's included; the
 * refresh token goes on, so take a fresh access token straight away.
 */
export async function changePassword(currentPassword: string, newPassword: string): Promise<void> {
  await request<void>('POST', '/api/auth/password', { currentPassword, newPassword });
  await refresh();
}

/**
 * The second step of a login (`/api/login/mfa` with a code or a recovery code) or a passkey login
 * (`/api/login/passkey`): both answer a token pair like /api/login, kept here like its tokens.
 */
export async function completeLogin(path: '/api/login/mfa' | '/api/login/passkey', body: unknown): Promise<LoginResult> {
  const result = await request<LoginResult>('POST', path, body, { auth: false, headers: COOKIE_TRANSPORT });
  adopt(result);
  return result;
}
