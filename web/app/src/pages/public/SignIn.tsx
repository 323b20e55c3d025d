import { ErrorSummary, SubmitButton, TextField, useForm } from '../../components/form';
import { PageHeading } from '../../components/PageHeading';
import { Link } from '../../app/router';
import { useSession } from '../../session/session';
import { ApiError } from '../../api/problem';

export default function SignIn() {
  const session = useSession();
  const form = useForm({ email: '', password: '' }, (v) => ({
    ...(v.email.trim() ? {} : { email: 'Enter your email address' }),
    ...(v.password ? {} : { password: 'Enter your password' }),
  }));

  const submit = form.handleSubmit(async ({ email, password }) => {
    try {
      const result = await session.signIn(email.trim(), password);
      if (result.mfaRequired) {
        throw new ApiError(400, { detail: 'This account uses a second factor, which this app cannot ask for yet.' });
      }
    } catch (e) {
      if (e instanceof ApiError && e.status === 401) {
        throw new ApiError(401, { detail: 'The email address or password is not right.' });
      }
      throw e;
    }
  });

  return (
    <div className="narrow">
      <PageHeading>Sign in</PageHeading>
      {session.notice && <div className="notice" role="status" data-testid="session-notice">{session.notice}</div>}
      <ErrorSummary form={form} />
      <form onSubmit={submit} noValidate>
        <TextField form={form} name="email" label="Email address" type="email" autoComplete="username" spellCheck={false} />
        <TextField form={form} name="password" label="Password" type="password" autoComplete="current-password" />
        <SubmitButton submitting={form.submitting} busyLabel="Signing in…">Sign in</SubmitButton>
      </form>
      <p>New here? <Link to="/sign-up">Create an account</Link></p>
    </div>
  );
}
