import { useCallback, useEffect, useRef, useState } from 'react';
import { Checkbox, ErrorSummary, SubmitButton, TextField, useForm } from '../../components/form';
import { PageHeading } from '../../components/PageHeading';
import { Confirm } from '../../components/Confirm';
import { LoadState } from '../../components/LoadState';
import { QrCode } from '../../components/QrCode';
import { Link } from '../../app/router';
import { useSession } from '../../session/session';
import { refresh } from '../../api/client';
import { ApiError } from '../../api/problem';
import { homeOf } from '../../app/routes';
import { browserZone, formatDate } from '../../lib/time';
import {
  isCancel, passkeys as passkeyApi, passkeysSupported, totp, type Passkey, type TotpSetup,
} from '../../api/secondFactors';
import '../../styles/security.css';

/**
 * /account/security — the second factors of the signed-in user: an authenticator app (QR code drawn
 * here, recovery codes shown once) and passkeys. A role that must have one and has none lands here.
 */
export default function SecondFactors() {
  const { me, reloadMe } = useSession();
  useEffect(() => {
    reloadMe().catch(() => {
      // a dead session redirects; an unreachable API shows the banner
    });
  }, [reloadMe]);

  /** After a first factor is set up the access token still says "must enrol": take a fresh one. */
  const changed = useCallback(async () => {
    await refresh();
    await reloadMe();
  }, [reloadMe]);

  if (!me) return null;
  const mfa = me.mfa ?? { totp: false, passkeys: 0, required: false };
  const mustEnrol = mfa.required && !mfa.totp && mfa.passkeys === 0;
  return (
    <div className="narrow">
      <PageHeading>Sign-in security</PageHeading>
      {mustEnrol ? (
        <div className="notice" role="status" data-testid="enrolment-required">
          <p>
            As an {me.role} you can see other people's health records, so your account needs a second way to prove
            it is you, besides your password. Set up an authenticator app or a passkey below; until then this is the
            only page you can use.
          </p>
        </div>
      ) : (
        <p>
          A second factor keeps your account safe even if someone learns your password.
          {mfa.required ? ' Your role must keep at least one.' : ''}
        </p>
      )}
      <AuthenticatorApp enabled={mfa.totp} onChanged={changed} />
      <Passkeys canList={!mustEnrol} onChanged={changed} />
      {!mustEnrol && (mfa.totp || mfa.passkeys > 0) && (
        <p><Link to={homeOf(me.role)}>Go to your home page</Link> · <Link to="/account">Your account</Link></p>
      )}
    </div>
  );
}

type AppStage = { step: 'idle' } | { step: 'scan'; setup: TotpSetup } | { step: 'codes'; codes: string[] };

function AuthenticatorApp({ enabled, onChanged }: { enabled: boolean; onChanged: () => Promise<void> }) {
  const [stage, setStage] = useState<AppStage>({ step: 'idle' });
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [removed, setRemoved] = useState(false);

  const start = async () => {
    if (busy) return;
    setBusy(true);
    setError(null);
    try {
      setStage({ step: 'scan', setup: await totp.setup() });
    } catch (e) {
      setError(e instanceof ApiError ? e.summary : 'We could not start the setup. Try again.');
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="security-section" aria-labelledby="app-heading" data-testid="totp-section">
      <h2 id="app-heading">Authenticator app</h2>
      {stage.step === 'codes' ? (
        <RecoveryCodes codes={stage.codes} onDone={async () => {
          setStage({ step: 'idle' });
          await onChanged();
        }} />
      ) : enabled ? (
        <RemoveApp onRemoved={async () => {
          setRemoved(true);
          await onChanged();
        }} />
      ) : stage.step === 'scan' ? (
        <ScanAndConfirm setup={stage.setup} onConfirmed={(codes) => setStage({ step: 'codes', codes })}
          onCancel={() => setStage({ step: 'idle' })} />
      ) : (
        <>
          {removed && <div className="notice" role="status" data-testid="totp-removed">The authenticator app was removed.</div>}
          <p>Use an app such as a password manager or an authenticator on your phone to make a new six-digit code every 30 seconds.</p>
          {error && <p className="field-error" role="alert">{error}</p>}
          <button type="button" className="button" onClick={start} aria-disabled={busy || undefined} data-testid="totp-start">
            {busy ? 'Please wait…' : 'Set up an authenticator app'}
          </button>
        </>
      )}
    </section>
  );
}

function ScanAndConfirm({ setup, onConfirmed, onCancel }: {
  setup: TotpSetup; onConfirmed: (codes: string[]) => void; onCancel: () => void;
}) {
  const form = useForm({ code: '' }, (v) => (/^\d{6}$/.test(v.code.replace(/\s/g, '')) ? {} : { code: 'Enter the six-digit code the app shows' }));
  const submit = form.handleSubmit(async ({ code }) => {
    try {
      const { recoveryCodes } = await totp.confirm(code.replace(/\s/g, ''));
      onConfirmed(recoveryCodes);
    } catch (e) {
      if (e instanceof ApiError && e.status === 400) {
        throw new ApiError(400, { errors: [{ field: 'code', message: 'That code does not match. Check that the time on your phone is right, then enter the newest code.' }] });
      }
      if (e instanceof ApiError && e.status === 409) {
        throw new ApiError(409, { detail: 'This setup was replaced or finished in another window. Start again.' });
      }
      throw e;
    }
  });
  return (
    <>
      <ol>
        <li>In your authenticator app, add an account and scan this QR code.</li>
        <li>Enter the code the app then shows.</li>
      </ol>
      <QrCode value={setup.otpauthUri} label="QR code to add this account to your authenticator app" />
      <p>Can't scan it? Enter this key in the app instead:</p>
      <p className="totp-key" data-testid="totp-secret">{groups(setup.secret)}</p>
      <ErrorSummary form={form} />
      <form onSubmit={submit} noValidate>
        <TextField form={form} name="code" label="Code from the app" inputMode="numeric" autoComplete="one-time-code"
          spellCheck={false} />
        <div className="actions">
          <SubmitButton submitting={form.submitting} busyLabel="Checking…">Turn on</SubmitButton>
          <button type="button" className="button button--secondary" onClick={onCancel}>Cancel</button>
        </div>
      </form>
    </>
  );
}

function RecoveryCodes({ codes, onDone }: { codes: string[]; onDone: () => Promise<void> }) {
  const headingRef = useRef<HTMLHeadingElement>(null);
  useEffect(() => headingRef.current?.focus(), []);
  const form = useForm({ saved: 'false' }, (v) => (v.saved === 'true' ? {} : { saved: 'Confirm that you have saved the codes' }));
  const download = () => {
    const text = `Therapy Management System — recovery codes\n\nEach code signs you in once if you lose your authenticator app.\n\n${codes.join('\n')}\n`;
    const url = URL.createObjectURL(new Blob([text], { type: 'text/plain' }));
    const a = document.createElement('a');
    a.href = url;
    a.download = 'recovery-codes.txt';
    document.body.appendChild(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 0);
  };
  const submit = form.handleSubmit(async () => {
    await onDone();
  });
  return (
    <>
      <div className="notice" role="status" data-testid="totp-on">Your authenticator app is on.</div>
      <h3 ref={headingRef} tabIndex={-1}>Save your recovery codes</h3>
      <p>
        If you lose your phone, each of these codes signs you in once instead of a code from the app.
        This is the only time they are shown: download them or write them down, and keep them somewhere safe.
      </p>
      <ol className="recovery-codes" data-testid="recovery-codes">
        {codes.map((c) => <li key={c}>{c}</li>)}
      </ol>
      <p><button type="button" className="button button--secondary" onClick={download} data-testid="recovery-download">Download as a text file</button></p>
      <ErrorSummary form={form} />
      <form onSubmit={submit} noValidate>
        <Checkbox form={form} name="saved" label="I have saved my recovery codes" />
        <SubmitButton submitting={form.submitting} busyLabel="Please wait…">Done</SubmitButton>
      </form>
    </>
  );
}

function RemoveApp({ onRemoved }: { onRemoved: () => Promise<void> }) {
  const form = useForm({ currentPassword: '', code: '' }, (v) => ({
    ...(v.currentPassword ? {} : { currentPassword: 'Enter your password' }),
    ...(v.code.trim() ? {} : { code: 'Enter a code from the app or a recovery code' }),
  }));
  const submit = form.handleSubmit(async ({ currentPassword, code }) => {
    try {
      await totp.remove(currentPassword, code);
    } catch (e) {
      if (e instanceof ApiError && e.status === 403) {
        throw new ApiError(403, { detail: 'The password or the code is not right. Nothing was changed.' });
      }
      throw e;
    }
    form.reset();
    await onRemoved();
  });
  return (
    <>
      <p data-testid="totp-enabled">An authenticator app is on. Signing in with your password asks for one of its codes.</p>
      <details>
        <summary>Remove the authenticator app</summary>
        <p>You will need your password and a code from the app (or a recovery code). Your recovery codes stop working too.</p>
        <ErrorSummary form={form} />
        <form onSubmit={submit} noValidate>
          <TextField form={form} name="currentPassword" label="Password" type="password" autoComplete="current-password" />
          <TextField form={form} name="code" label="Code from the app, or a recovery code" autoComplete="one-time-code" spellCheck={false} />
          <SubmitButton submitting={form.submitting} busyLabel="Removing…">Remove the app</SubmitButton>
        </form>
      </details>
    </>
  );
}

function Passkeys({ canList, onChanged }: { canList: boolean; onChanged: () => Promise<void> }) {
  const [items, setItems] = useState<Passkey[] | null>(canList ? null : []);
  const [loading, setLoading] = useState(canList);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [added, setAdded] = useState<string | null>(null);
  const supported = passkeysSupported();

  const load = useCallback(async () => {
    setLoading(true);
    setLoadError(null);
    try {
      setItems((await passkeyApi.list()).items);
    } catch (e) {
      setLoadError(e instanceof ApiError ? e.summary : 'Try again in a moment.');
    } finally {
      setLoading(false);
    }
  }, []);
  useEffect(() => {
    if (canList) void load();
  }, [canList, load]);

  const form = useForm({ name: defaultName() }, (v) => (v.name.trim() ? {} : { name: 'Give the passkey a name, such as the device it is on' }));
  const submit = form.handleSubmit(async ({ name }) => {
    setAdded(null);
    try {
      const created = await passkeyApi.register(name.trim());
      setAdded(created.name);
    } catch (e) {
      if (isCancel(e)) throw new ApiError(400, { detail: 'No passkey was created: the browser\'s dialog was closed or timed out. Try again when you are ready.' });
      if (e instanceof DOMException && e.name === 'InvalidStateError') {
        throw new ApiError(409, { detail: 'This device already has a passkey for your account.' });
      }
      if (e instanceof DOMException) throw new ApiError(400, { detail: 'The browser could not create a passkey here.' });
      throw e;
    }
    await onChanged();
    await load();
  });

  return (
    <section className="security-section" aria-labelledby="passkeys-heading" data-testid="passkeys-section">
      <h2 id="passkeys-heading">Passkeys</h2>
      <p>A passkey signs you in with your device's fingerprint, face or screen lock, without a password or a code.</p>
      <LoadState loading={loading} error={loadError} hasData={items !== null} onRetry={load} label="your passkeys">
        {items && items.length > 0 ? (
          <ul className="passkey-list" data-testid="passkey-list">
            {items.map((p) => (
              <li key={p.passkeyId} data-testid="passkey-item">
                <span>
                  <span className="passkey-name">{p.name}</span><br />
                  <span className="hint">Added {formatDate(p.createdAt, browserZone())}{p.lastUsedAt ? `, last used ${formatDate(p.lastUsedAt, browserZone())}` : ', not used yet'}</span>
                  {p.flagged && <><br /><span className="passkey-flag">Blocked: it looked copied. Remove it and add it again.</span></>}
                </span>
                <Confirm trigger={`Remove ${p.name}`} question={`Remove the passkey "${p.name}"? It will no longer sign you in.`}
                  confirmLabel="Remove passkey" onConfirm={async () => {
                    await passkeyApi.remove(p.passkeyId);
                    await onChanged();
                    await load();
                  }} />
              </li>
            ))}
          </ul>
        ) : (
          canList && <p data-testid="passkeys-none">You have no passkeys yet.</p>
        )}
      </LoadState>
      {added && <div className="notice" role="status" data-testid="passkey-added">The passkey "{added}" was added.</div>}
      {supported ? (
        <>
          <ErrorSummary form={form} />
          <form onSubmit={submit} noValidate>
            <TextField form={form} name="name" label="Name of the new passkey" hint="So you can tell your passkeys apart, e.g. “Work laptop”." autoComplete="off" />
            <SubmitButton submitting={form.submitting} busyLabel="Waiting for your device…">Add a passkey</SubmitButton>
          </form>
        </>
      ) : (
        <p>This browser cannot create passkeys.</p>
      )}
    </section>
  );
}

function defaultName(): string {
  const ua = typeof navigator === 'undefined' ? '' : navigator.userAgent;
  const os = /Android/.test(ua) ? 'Android' : /iPhone|iPad/.test(ua) ? 'iPhone' : /Mac/.test(ua) ? 'Mac'
    : /Windows/.test(ua) ? 'Windows' : /Linux/.test(ua) ? 'Linux' : 'This device';
  return `${os} passkey`;
}

/** "ABCD EFGH …": the key in groups of four, easier to type. */
function groups(secret: string): string {
  return secret.replace(/(.{4})/g, '$1 ').trim();
}
