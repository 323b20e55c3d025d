import { useMemo, useState } from 'react';
import { api } from '../../api/client';
import type { ClientProfile } from '../../api/portal';
import { Link } from '../../app/router';
import { CalendarFeed } from '../../components/CalendarFeed';
import { Confirm } from '../../components/Confirm';
import { ErrorSummary, SelectField, SubmitButton, TextField, useForm } from '../../components/form';
import { LoadState } from '../../components/LoadState';
import { PageHeading } from '../../components/PageHeading';
import { loadProfile } from '../../lib/clientProfile';
import { allZones, browserZone } from '../../lib/time';
import { useLoad } from '../../lib/useLoad';
import { useSession } from '../../session/session';
import { DownloadMyData } from './DownloadMyData';

export default function Settings() {
  const { me, signOut } = useSession();
  const clientId = me!.userId;
  const profile = useLoad(() => loadProfile(clientId), [clientId]);
  const [saved, setSaved] = useState(false);
  return (
    <>
      <PageHeading>Settings</PageHeading>
      <section aria-labelledby="profile-title">
        <h2 id="profile-title">Your profile</h2>
        <LoadState loading={profile.loading} error={profile.error} hasData={profile.data !== undefined} onRetry={profile.reload} label="your profile">
          <ProfileForm key={profile.data ? 'existing' : 'new'} profile={profile.data ?? null} defaultName={me!.name} clientId={clientId} onSaved={profile.reload} saved={saved} setSaved={setSaved} />
        </LoadState>
      </section>
      <section aria-labelledby="password-title">
        <h2 id="password-title">Password</h2>
        <p><Link to="/account/password">Change your password</Link></p>
        <p><Link to="/account/security">Sign-in security: authenticator app and passkeys</Link></p>
      </section>
      <CalendarFeed otherParty="therapist" />
      <DownloadMyData clientId={clientId} />
      <section aria-labelledby="erase-title">
        <h2 id="erase-title">Erase your account</h2>
        <p>
          Erasing deletes your journal, who may read it and its access log, cancels your future sessions and ends
          your links with therapists. Messages you sent stay with the therapist, shown as from a deleted account.
          You will be signed out and cannot sign in again.
        </p>
        <Confirm
          trigger="Erase my account"
          testId="erase-confirm"
          question={<><strong>Erase your account for good?</strong> Your journal is deleted, future sessions are cancelled and you are signed out. This cannot be undone.</>}
          confirmLabel="Yes, erase my account"
          onConfirm={async () => {
            await api.del(`/api/clients/${clientId}`);
            await signOut().catch(() => undefined);
          }}
        />
      </section>
    </>
  );
}

function ProfileForm({ profile, defaultName, clientId, onSaved, saved, setSaved }: {
  profile: ClientProfile | null; defaultName: string; clientId: string; onSaved: () => Promise<void>; saved: boolean; setSaved: (s: boolean) => void;
}) {
  const zones = useMemo(() => allZones().map((z) => ({ value: z, label: z.replace(/_/g, ' ') })), []);
  const form = useForm(
    {
      name: profile?.name ?? defaultName,
      pronouns: profile?.pronouns ?? '',
      phone: profile?.phone ?? '',
      timezone: profile?.timezone ?? browserZone(),
    },
    (v) => {
      const errors: Record<string, string> = {};
      if (!v.name.trim()) errors.name = 'Enter your name';
      else if (v.name.length > 200) errors.name = 'Your name must be 200 characters or fewer';
      return errors;
    },
  );
  const submit = form.handleSubmit(async (v) => {
    setSaved(false);
    const body: Record<string, string> = { name: v.name.trim(), timezone: v.timezone };
    if (v.pronouns.trim()) body.pronouns = v.pronouns.trim();
    if (v.phone.trim()) body.phone = v.phone.trim();
    if (profile) await api.put(`/api/clients/${clientId}`, body);
    else await api.post('/api/clients', body);
    setSaved(true);
    await onSaved();
  });
  return (
    <form onSubmit={submit} noValidate className="narrow">
      {!profile && <p className="notice">You have no profile yet. Save one to link with a therapist and book sessions.</p>}
      <ErrorSummary form={form} />
      <TextField form={form} name="name" label="Your name" autoComplete="name" />
      <TextField form={form} name="pronouns" label="Pronouns (optional)" />
      <TextField form={form} name="phone" label="Phone (optional)" type="tel" autoComplete="tel" />
      <SelectField form={form} name="timezone" label="Time zone" hint="Times in the app are shown in this zone." options={zones} />
      <SubmitButton submitting={form.submitting} busyLabel="Saving…">{profile ? 'Save profile' : 'Create profile'}</SubmitButton>
      {saved && <p className="saved" role="status" data-testid="profile-saved">Profile saved.</p>}
    </form>
  );
}
