import { useEffect, useMemo, useState } from 'react';
import { api } from '../../api/client';
import { ApiError } from '../../api/problem';
import type { TherapistProfile } from '../../api/workspace';
import { Link } from '../../app/router';
import { CalendarFeed } from '../../components/CalendarFeed';
import { Checkbox, ErrorSummary, SelectField, SubmitButton, TextArea, TextField, useForm, type Errors } from '../../components/form';
import { PageHeading } from '../../components/PageHeading';
import { allZones, browserZone } from '../../lib/time';
import { useSession } from '../../session/session';

type Values = {
  name: string; expertise: string; location: string; bio: string; languages: string; timezone: string; acceptingClients: string;
};

const list = (text: string) => text.split(',').map((s) => s.trim()).filter(Boolean);

function validate(v: Values): Errors<Values> {
  const e: Errors<Values> = {};
  if (!v.name.trim()) e.name = 'Enter your name as clients will see it';
  else if (v.name.length > 200) e.name = 'Name must be 200 characters or fewer';
  if (!list(v.expertise).length) e.expertise = 'Enter at least one area of expertise';
  else if (list(v.expertise).length > 20) e.expertise = 'Enter at most 20 areas of expertise';
  else if (list(v.expertise).some((x) => x.length > 100)) e.expertise = 'Each area of expertise must be 100 characters or fewer';
  if (!v.location.trim()) e.location = 'Enter where you practise';
  else if (v.location.length > 200) e.location = 'Location must be 200 characters or fewer';
  if (v.bio.length > 5000) e.bio = `About you must be 5,000 characters or fewer (now ${v.bio.length})`;
  if (list(v.languages).length > 20) e.languages = 'Enter at most 20 languages';
  return e;
}

/** The therapist's directory entry: created on first save, edited afterwards; unverified until an admin checks it. */
export default function Settings() {
  const { me } = useSession();
  const [profile, setProfile] = useState<TherapistProfile | null | undefined>(undefined);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const zones = useMemo(() => allZones().map((z) => ({ value: z, label: z.replace(/_/g, ' ') })), []);
  const form = useForm<Values>({
    name: me?.name ?? '', expertise: '', location: '', bio: '', languages: '', timezone: browserZone(), acceptingClients: 'true',
  }, validate);

  useEffect(() => {
    if (!me) return;
    api.get<TherapistProfile>(`/api/therapists/${me.userId}`).then((p) => {
      setProfile(p);
      form.reset({
        name: p.name, expertise: p.expertise.join(', '), location: p.location, bio: p.bio ?? '',
        languages: (p.languages ?? []).join(', '), timezone: p.timezone ?? browserZone(), acceptingClients: String(p.acceptingClients),
      });
    }).catch((err) => {
      if (err instanceof ApiError && err.status === 404) setProfile(null);
      else setLoadError(err instanceof Error ? err.message : 'Could not load your profile.');
    });
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [me?.userId]);

  const submit = form.handleSubmit(async (v) => {
    setSaved(false);
    const body = {
      name: v.name.trim(), expertise: list(v.expertise), location: v.location.trim(), bio: v.bio,
      languages: list(v.languages), timezone: v.timezone, acceptingClients: v.acceptingClients === 'true',
    };
    const result = profile
      ? await api.put<TherapistProfile>(`/api/therapists/${me!.userId}`, body)
      : await api.post<TherapistProfile>('/api/therapists', body);
    setProfile(result);
    setSaved(true);
  });

  return (
    <>
      <PageHeading>Settings</PageHeading>
      {loadError && <p className="notice" role="alert">{loadError}</p>}
      {profile === undefined && !loadError && <p className="empty">Loading your profile…</p>}
      {profile !== undefined && (
        <>
          <section aria-labelledby="verification-title" className="panel">
            <h2 id="verification-title">Directory entry</h2>
            <p data-testid="verification-status">
              {profile === null
                ? 'You have no directory entry yet. Clients can find you once you have saved it and an admin has verified it.'
                : profile.verified
                  ? 'Verified — clients can find you in the directory.'
                  : 'Awaiting verification — an admin checks new entries before clients can find you.'}
            </p>
          </section>
          <form onSubmit={submit} noValidate className="narrow">
            <ErrorSummary form={form} />
            <TextField form={form} name="name" label="Name" autoComplete="name" />
            <TextField form={form} name="expertise" label="Expertise" hint="Separate areas with commas, for example: anxiety, grief, couples" />
            <TextField form={form} name="location" label="Location" hint="City or region, or 'online'" />
            <TextArea form={form} name="bio" label="About you" hint="Shown to clients in the directory. Up to 5,000 characters." rows={5} />
            <TextField form={form} name="languages" label="Languages" hint="Separate languages with commas" />
            <SelectField form={form} name="timezone" label="Practice time zone" options={zones}
              hint="Your dashboard counts weeks and months in this zone." />
            <Checkbox form={form} name="acceptingClients" label="Accepting new clients" />
            <SubmitButton submitting={form.submitting}>{profile ? 'Save changes' : 'Create directory entry'}</SubmitButton>
            {saved && <p role="status" data-testid="profile-saved">Saved.</p>}
          </form>
        </>
      )}
      <h2>Password</h2>
      <p><Link to="/account/password">Change your password</Link></p>
      <p><Link to="/account/security">Sign-in security: authenticator app and passkeys</Link></p>
      <CalendarFeed otherParty="client" />
    </>
  );
}
