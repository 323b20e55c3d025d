import { api, completeLogin, request, type LoginResult } from './client';
import type { Page } from './types';

/** Second factors (API.md "Browser sessions and second factors"): the authenticator app and passkeys. */

export interface TotpSetup {
  secret: string;
  otpauthUri: string;
}

export interface Passkey {
  passkeyId: string;
  name: string;
  createdAt: string;
  lastUsedAt: string | null;
  flagged: boolean;
}

export const totp = {
  setup: () => api.post<TotpSetup>('/api/auth/mfa/totp/setup'),
  confirm: (code: string) => api.post<{ recoveryCodes: string[] }>('/api/auth/mfa/totp/confirm', { code }),
  remove: (currentPassword: string, code: string) => {
    const trimmed = code.replace(/\s/g, '');
    // six digits: a code of the app; anything else: a recovery code
    const factor = /^\d{6}$/.test(trimmed) ? { code: trimmed } : { recoveryCode: code.trim() };
    return request<void>('DELETE', '/api/auth/mfa/totp', { currentPassword, ...factor });
  },
};

export const passkeys = {
  list: () => api.get<Page<Passkey>>('/api/auth/passkeys'),
  remove: (passkeyId: string) => api.del<void>(`/api/auth/passkeys/${encodeURIComponent(passkeyId)}`),
  /** Asks the browser for a new passkey and registers it. */
  async register(name: string): Promise<Passkey> {
    const options = await api.post<CreationOptionsJSON>('/api/auth/passkeys/registration-options');
    const credential = await navigator.credentials.create({ publicKey: creationOptions(options) });
    if (!credential) throw new PasskeyCancelled();
    return api.post<Passkey>('/api/auth/passkeys', { name, credential: registrationJson(credential as PublicKeyCredential) });
  },
};

/** The second step of a password login with an mfaToken: a six-digit code, else a recovery code. */
export function loginSecondStep(mfaToken: string, value: string, kind: 'code' | 'recoveryCode'): Promise<LoginResult> {
  const body = kind === 'code' ? { mfaToken, code: value.replace(/\s/g, '') } : { mfaToken, recoveryCode: value.trim() };
  return completeLogin('/api/login/mfa', body);
}

/** A usernameless login: the browser offers this site's passkeys. */
export async function loginWithPasskey(): Promise<LoginResult> {
  const options = await api.post<RequestOptionsJSON>('/api/login/passkey-options', undefined, { auth: false });
  const credential = await navigator.credentials.get({
    publicKey: {
      challenge: fromB64url(options.challenge),
      rpId: options.rpId,
      timeout: options.timeout,
      userVerification: options.userVerification as UserVerificationRequirement,
      allowCredentials: [],
    },
  });
  if (!credential) throw new PasskeyCancelled();
  return completeLogin('/api/login/passkey', { credential: assertionJson(credential as PublicKeyCredential) });
}

export function passkeysSupported(): boolean {
  return typeof window !== 'undefined' && 'PublicKeyCredential' in window && !!navigator.credentials;
}

/** The user closed the browser's passkey dialog, or it timed out (the browser does not say which). */
export class PasskeyCancelled extends Error {
  constructor() {
    super('The passkey dialog was closed before it finished.');
    this.name = 'PasskeyCancelled';
  }
}

/** navigator.credentials rejects with NotAllowedError when the user cancels or it times out. */
export function isCancel(e: unknown): boolean {
  return e instanceof PasskeyCancelled || (e instanceof DOMException && (e.name === 'NotAllowedError' || e.name === 'AbortError'));
}

interface CreationOptionsJSON {
  challenge: string;
  rp: { id: string; name: string };
  user: { id: string; name: string; displayName: string };
  pubKeyCredParams: { type: 'public-key'; alg: number }[];
  timeout: number;
  attestation: AttestationConveyancePreference;
  authenticatorSelection: AuthenticatorSelectionCriteria;
  excludeCredentials: { type: 'public-key'; id: string }[];
}

interface RequestOptionsJSON {
  challenge: string;
  rpId: string;
  timeout: number;
  userVerification: string;
}

function creationOptions(o: CreationOptionsJSON): PublicKeyCredentialCreationOptions {
  return {
    challenge: fromB64url(o.challenge),
    rp: o.rp,
    user: { id: fromB64url(o.user.id), name: o.user.name, displayName: o.user.displayName },
    pubKeyCredParams: o.pubKeyCredParams,
    timeout: o.timeout,
    attestation: o.attestation,
    authenticatorSelection: o.authenticatorSelection,
    excludeCredentials: o.excludeCredentials.map((c) => ({ type: c.type, id: fromB64url(c.id) })),
  };
}

// The JSON of PublicKeyCredential.toJSON(), built by hand: not every browser has toJSON yet.
function registrationJson(c: PublicKeyCredential) {
  const r = c.response as AuthenticatorAttestationResponse;
  return {
    id: c.id,
    rawId: toB64url(c.rawId),
    type: c.type,
    response: {
      clientDataJSON: toB64url(r.clientDataJSON),
      attestationObject: toB64url(r.attestationObject),
      transports: typeof r.getTransports === 'function' ? r.getTransports() : [],
    },
    clientExtensionResults: {},
    authenticatorAttachment: c.authenticatorAttachment ?? undefined,
  };
}

function assertionJson(c: PublicKeyCredential) {
  const r = c.response as AuthenticatorAssertionResponse;
  return {
    id: c.id,
    rawId: toB64url(c.rawId),
    type: c.type,
    response: {
      clientDataJSON: toB64url(r.clientDataJSON),
      authenticatorData: toB64url(r.authenticatorData),
      signature: toB64url(r.signature),
      userHandle: r.userHandle ? toB64url(r.userHandle) : undefined,
    },
    clientExtensionResults: {},
    authenticatorAttachment: c.authenticatorAttachment ?? undefined,
  };
}

function toB64url(buffer: ArrayBuffer): string {
  let binary = '';
  new Uint8Array(buffer).forEach((b) => {
    binary += String.fromCharCode(b);
  });
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromB64url(value: string): ArrayBuffer {
  const base64 = value.replace(/-/g, '+').replace(/_/g, '/').padEnd(Math.ceil(value.length / 4) * 4, '=');
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes.buffer;
}
