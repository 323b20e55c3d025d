import { useState } from 'react';
import { ErrorSummary, RadioGroup, SubmitButton, TextField, useForm } from '../../components/form';
import { PageHeading } from '../../components/PageHeading';
import { Link, navigate } from '../../app/router';
import { api } from '../../api/client';
import { rememberCreatedAccountEmail, useSession } from '../../session/session';
import { UnreachableError } from '../../api/problem';

const AUTO_SIGN_IN_FAILED = 'Your account was created, but we could not sign you in just now. Please sign in.';

export default function SignUp() {
  const session = useSession();
  const [created, setCreated] = useState(false);
  const form = useForm({ role: '', name: '', email: '', password: '' }, (v) => ({
    ...(v.role ? {} : { role: 'Choose whether you are a client or a therapist' }),
    ...(v.name.trim() ? {} : { name: 'Enter your name' }),
    ...(v.email.trim() ? {} : { email: 'Enter your email address' }),
    ...(v.password.length >= 12 ? {} : { password: 'Enter a password of at least 12 characters' }),
  }));

  const submit = form.handleSubmit(async ({ role, name, email, password }) => {
    await api.post('/api/signup', { role, name: name.trim(), email: email.trim(), password }, { auth: false });
    setCreated(true);
    try {
      await session.signIn(email.trim(), password);
    } catch (e) {
      // The account exists; only the automatic sign-in failed (e.g. refused as busy): the sign-in page takes over
      // and says so, rather than appearing with no word of what happened to the new account.
      if (e instanceof UnreachableError) throw e;
      session.showNotice(AUTO_SIGN_IN_FAILED);
      rememberCreatedAccountEmail(email.trim());
      navigate('/sign-in');
    }
  });

  return (
    <div className="narrow">
      <PageHeading>Create an account</PageHeading>
      {created && <div className="notice" role="status">Your account was created. Signing you in…</div>}
      <ErrorSummary form={form} />
      <form onSubmit={submit} noValidate>
        <RadioGroup
          form={form}
          name="role"
          legend="I am"
          options={[
            { value: 'client', label: 'A client', hint: 'You see a therapist, or want to.' },
            { value: 'therapist', label: 'A therapist', hint: 'An admin verifies your account before clients can find you.' },
          ]}
        />
        <TextField form={form} name="name" label="Your name" autoComplete="name" maxLength={200} />
        <TextField form={form} name="email" label="Email address" type="email" autoComplete="email" spellCheck={false} />
        <TextField
          form={form}
          name="password"
          label="Password"
          type="password"
          autoComplete="new-password"
          hint="At least 12 characters. A long phrase you remember is best."
        />
        <SubmitButton submitting={form.submitting} busyLabel="Creating your account…">Create account</SubmitButton>
      </form>
      <p>Already have an account? <Link to="/sign-in">Sign in</Link></p>
    </div>
  );
}
