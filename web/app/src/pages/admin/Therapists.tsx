import { useState } from 'react';
import { api } from '../../api/client';
import type { Page } from '../../api/types';
import type { TherapistProfile } from '../../api/workspace';
import { PageHeading } from '../../components/PageHeading';
import { errorText, useLoad } from '../../lib/useLoad';

export default function Therapists() {
  const { data, error, reload } = useLoad(async () => {
    const [waiting, verified] = await Promise.all([
      api.get<Page<TherapistProfile>>('/api/therapists?verified=false&limit=200'),
      api.get<Page<TherapistProfile>>('/api/therapists?limit=200'),
    ]);
    return { waiting: waiting.items.filter((t) => !t.verified), verified: verified.items };
  }, []);
  const [status, setStatus] = useState<{ text: string; failed: boolean } | null>(null);
  const setVerified = async (t: TherapistProfile, verified: boolean) => {
    try {
      await api.post(`/api/therapists/${t.therapistId}/verification`, { verified });
      setStatus({ text: verified ? `${t.name} is verified and now listed in the directory.` : `${t.name} is no longer verified and left the directory.`, failed: false });
    } catch (err) {
      setStatus({ text: errorText(err), failed: true });
    }
    await reload();
  };
  return (
    <>
      <PageHeading>Therapists to verify</PageHeading>
      {status && <p role={status.failed ? 'alert' : 'status'} className={status.failed ? 'notice' : 'confirmation'} data-testid="admin-status">{status.text}</p>}
      {error && <p className="notice" role="alert">{error}</p>}
      {!data && !error && <p className="skeleton">Loading…</p>}
      {data && !data.waiting.length && <p className="empty">No therapists waiting for verification.</p>}
      {data && data.waiting.length > 0 && <TherapistTable caption="Waiting for verification" testId="unverified" items={data.waiting} action="Verify" onAction={(t) => void setVerified(t, true)} />}
      <h2>Verified therapists</h2>
      {data && !data.verified.length && <p className="empty">No verified therapists yet.</p>}
      {data && data.verified.length > 0 && <TherapistTable caption="Verified therapists" testId="verified" items={data.verified} action="Unverify" onAction={(t) => void setVerified(t, false)} />}
    </>
  );
}

function TherapistTable({ caption, testId, items, action, onAction }: {
  caption: string; testId: string; items: TherapistProfile[]; action: string; onAction: (t: TherapistProfile) => void;
}) {
  return (
    <table className="data-table" data-testid={testId}>
      <caption className="visually-hidden">{caption}</caption>
      <thead><tr><th scope="col">Name</th><th scope="col">Email</th><th scope="col">Expertise</th><th scope="col">Location</th><th scope="col">Action</th></tr></thead>
      <tbody>
        {items.map((t) => (
          <tr key={t.therapistId}>
            <td>{t.name}</td><td>{t.email ?? '—'}</td><td>{t.expertise.join(', ')}</td><td>{t.location}</td>
            <td><button type="button" className={action === 'Verify' ? 'button' : 'button button--secondary'} onClick={() => onAction(t)} aria-label={`${action} ${t.name}`}>{action}</button></td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
