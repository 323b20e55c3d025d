import { useState } from 'react';
import { ErrorSummary, SubmitButton, TextField, useForm } from '../../components/form';
import { PageHeading } from '../../components/PageHeading';
import { changePassword } from '../../api/client';
import { ApiError } from '../../api/problem';
import { Link } from '../../app/router';

export default function ChangePassword() {
  const [done, setDone] = useState(false);
  const form = useForm({ currentPassword: '', newPassword: '', confirmPassword: '' }, (v) => ({
    ...(v.currentPassword ? {} : { currentPassword: 'Enter your current password' }),
    ...(v.newPassword.length >= 12 ? {} : { newPassword: 'Enter a new password of at least 12 characters' }),
    ...(v.confirmPassword === v.newPassword ? {} : { confirmPassword: 'The two new passwords are not the same' }),
  }));

  const submit = form.handleSubmit(async ({ currentPassword, newPassword }) => {
    try {
      await changePassword(currentPassword, newPassword);
    } catch (e) {
      if (e instanceof ApiError && e.status === 403) {
        throw new ApiError(400, { errors: [{ field: 'currentPassword', message: 'Your current password is not right' }] });
      }
      throw e;
    }
    form.reset();
    setDone(true);
  });

  return (
    <div className="narrow">
      <PageHeading>Change your password</PageHeading>
      {done && (
        <div className="notice" role="status" data-testid="password-changed">
          Your password was changed. You were signed out everywhere else.
        </div>
      )}
      <ErrorSummary form={form} />
      <form onSubmit={submit} noValidate>
        <TextField form={form} name="currentPassword" label="Current password" type="password" autoComplete="current-password" />
        <TextField form={form} name="newPassword" label="New password" type="password" autoComplete="new-password" hint="At least 12 characters." />
        <TextField form={form} name="confirmPassword" label="New password again" type="password" autoComplete="new-password" />
        <SubmitButton submitting={form.submitting} busyLabel="Changing…">Change password</SubmitButton>
      </form>
      <p><Link to="/account">Back to your account</Link></p>
    </div>
  );
}
