import { useEffect, useState } from 'react';
import { ErrorSummary, RadioGroup, SubmitButton, TextField, useForm } from '../../components/form';
import { PageHeading } from '../../components/PageHeading';
import { Link } from '../../app/router';
import { createdAccountEmailToFill, forgetCreatedAccountEmail, useSession } from '../../session/session';
import { ApiError } from '../../api/problem';
import { isCancel, loginSecondStep, loginWithPasskey, passkeysSupported } from '../../api/secondFactors';
import '../../styles/security.css';

export default function SignIn() {
  const session = useSession();
  const [mfaToken, setMfaToken] = useState<string | null>(null);
  // after a sign-up whose automatic sign-in failed, its email is filled in: only the password is left to type
  const form = useForm({ email: createdAccountEmailToFill(), password: '' }, (v) => ({
    ...(v.email.trim() ? {} : { email: 'Enter your email address' }),
    ...(v.password ? {} : { password: 'Enter your password' }),
  }));
  useEffect(() => forgetCreatedAccountEmail, []);

  const submit = form.handleSubmit(async ({ email, password }) => {
    // An earlier notice ("You have signed out.") would otherwise sit above this attempt's outcome.
    session.clearNotice();
    try {
      const result = await session.signIn(email.trim(), password);
      if (result.mfaRequired && result.mfaToken) setMfaToken(result.mfaToken);
    } catch (e) {
      if (e instanceof ApiError && e.status === 401) {
        throw new ApiError(401, { detail: 'The email address or password is not right.' });
      }
      if (e instanceof ApiError && e.problem?.type?.endsWith('/passkey-login-required')) {
        throw new ApiError(403, { detail: 'Your account\'s second factor is a passkey. Use "Sign in with a passkey" below.' });
      }
      throw e;
    }
  });

  if (mfaToken) {
    return <SecondStep mfaToken={mfaToken} onRestart={() => {
      setMfaToken(null);
      form.reset({ email: form.values.email, password: '' });
    }} />;
  }

  return (
    <div className="narrow">
      <PageHeading>Sign in</PageHeading>
      {session.notice && <div className="notice" role="status" data-testid="session-notice">{session.notice}</div>}
      <ErrorSummary form={form} />
      <form onSubmit={submit} noValidate>
        <TextField form={form} name="email" label="Email address" type="email" autoComplete="username webauthn" spellCheck={false} />
        <TextField form={form} name="password" label="Password" type="password" autoComplete="current-password" />
        <SubmitButton submitting={form.submitting} busyLabel="Signing in…">Sign in</SubmitButton>
      </form>
      {passkeysSupported() && <PasskeySignIn />}
      <p>New here? <Link to="/sign-up">Create an account</Link></p>
    </div>
  );
}

function PasskeySignIn() {
  const session = useSession();
  const form = useForm({});
  const submit = form.handleSubmit(async () => {
    try {
      await loginWithPasskey();
    } catch (e) {
      if (isCancel(e)) throw new ApiError(400, { detail: 'No passkey was used: the dialog was closed or timed out. Try again, or sign in with your password.' });
      if (e instanceof ApiError && e.status === 401) {
        throw new ApiError(401, { detail: 'That passkey was not accepted. It may have been removed from your account. Sign in with your password instead.' });
      }
      if (e instanceof DOMException) throw new ApiError(400, { detail: 'This browser could not use a passkey here. Sign in with your password.' });
      throw e;
    }
    await session.reloadMe();
  });
  return (
    <div className="sign-in-alternative">
      <ErrorSummary form={form} />
      <form onSubmit={submit} noValidate>
        <SubmitButton submitting={form.submitting} busyLabel="Waiting for your passkey…">Sign in with a passkey</SubmitButton>
      </form>
    </div>
  );
}

function SecondStep({ mfaToken, onRestart }: { mfaToken: string; onRestart: () => void }) {
  const session = useSession();
  const form = useForm({ kind: 'code', code: '', recoveryCode: '' }, (v) => (v.kind === 'code'
    ? (/^\d{6}$/.test(v.code.replace(/\s/g, '')) ? {} : { code: 'Enter the six-digit code from your authenticator app' })
    : (v.recoveryCode.trim() ? {} : { recoveryCode: 'Enter one of your recovery codes' })));
  const submit = form.handleSubmit(async ({ kind, code, recoveryCode }) => {
    try {
      if (kind === 'code') await loginSecondStep(mfaToken, code, 'code');
      else await loginSecondStep(mfaToken, recoveryCode, 'recoveryCode');
    } catch (e) {
      if (e instanceof ApiError && e.status === 401) {
        const field = kind === 'code' ? 'code' : 'recoveryCode';
        const message = kind === 'code'
          ? 'That code is not right, or was used already. Wait for the next code and try again. If more than five minutes have passed since you entered your password, start again.'
          : 'That recovery code is not right, or was used already. If more than five minutes have passed since you entered your password, start again.';
        throw new ApiError(400, { errors: [{ field, message }] });
      }
      if (e instanceof ApiError && e.status === 429) {
        const minutes = e.retryAfter ? Math.ceil(e.retryAfter / 60) : 15;
        throw new ApiError(429, { detail: `Too many wrong codes. For your safety, signing in to this account is paused for ${minutes} minute(s).` }, e.retryAfter);
      }
      throw e;
    }
    await session.reloadMe();
  });
  return (
    <div className="narrow">
      <PageHeading>Enter your second factor</PageHeading>
      <p>Your password was right. Now confirm it is you with your authenticator app.</p>
      <ErrorSummary form={form} />
      <form onSubmit={submit} noValidate data-testid="second-step">
        <RadioGroup form={form} name="kind" legend="What will you use?" options={[
          { value: 'code', label: 'A code from my authenticator app' },
          { value: 'recoveryCode', label: 'A recovery code', hint: 'One of the codes you saved when you set up the app. Each works once.' },
        ]} />
        {form.values.kind === 'code' ? (
          <TextField form={form} name="code" label="Six-digit code" inputMode="numeric" autoComplete="one-time-code" spellCheck={false} />
        ) : (
          <TextField form={form} name="recoveryCode" label="Recovery code" autoComplete="off" spellCheck={false} hint="For example abcd-efgh-ijkm-npqr." />
        )}
        <SubmitButton submitting={form.submitting} busyLabel="Checking…">Continue</SubmitButton>
      </form>
      <p><button type="button" className="link-button" onClick={onRestart}>Start again with your password</button></p>
    </div>
  );
}
