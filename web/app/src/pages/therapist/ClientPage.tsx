import { useState } from 'react';
import { api } from '../../api/client';
import type { Page } from '../../api/types';
import type { ClientProfile, InsightBucket, JournalAccessRequest, JournalEntry, Session } from '../../api/workspace';
import { SESSION_STATUS } from '../../api/workspace';
import { Link, useParams } from '../../app/router';
import { ErrorSummary, SubmitButton, TextArea, TextField, useForm, type Errors } from '../../components/form';
import { PageHeading } from '../../components/PageHeading';
import { errorText, useLoad } from '../../lib/useLoad';
import { browserZone, formatDateTime, zonedToUtc, zoneLabel } from '../../lib/zonedTime';
import { useNotificationListener } from '../../notifications/Notifications';
import ClientMeasures from './ClientMeasures';

type AccessValues = { reason: string; expiresOn: string };

export default function ClientPage() {
  const { clientId } = useParams<{ clientId: string }>();
  const zone = browserZone();
  const { data, error, reload } = useLoad(async () => {
    const [client, sessions, access] = await Promise.all([
      api.get<ClientProfile>(`/api/clients/${clientId}`),
      api.get<Page<Session>>('/api/sessions?limit=200'),
      api.get<Page<JournalAccessRequest>>('/api/journal-access-requests?limit=200'),
    ]);
    const mine = access.items.filter((a) => a.clientId === clientId);
    const now = Date.now();
    const active = mine.find((a) => a.status === 'approved' && (!a.expiresAt || Date.parse(a.expiresAt) > now)) ?? null;
    const pending = mine.find((a) => a.status === 'pending') ?? null;
    return { client, sessions: sessions.items.filter((s) => s.clientId === clientId).sort((a, b) => b.startTime.localeCompare(a.startTime)), active, pending };
  }, [clientId]);
  const [status, setStatus] = useState<{ text: string; failed: boolean } | null>(null);
  useNotificationListener((n) => {
    if (n.type.startsWith('journal-access.')) setStatus(null); // the answer replaces "request sent"
    if (n.type.startsWith('journal-access.') || n.type.startsWith('appointment.')) void reload();
  });

  const form = useForm<AccessValues>({ reason: '', expiresOn: '' }, (v) => {
    const e: Errors<AccessValues> = {};
    if (v.reason.length > 1000) e.reason = `Reason must be 1,000 characters or fewer (now ${v.reason.length})`;
    if (v.expiresOn && zonedToUtc(v.expiresOn, '23:59', zone).getTime() <= Date.now()) e.expiresOn = 'The end date must be in the future';
    return e;
  });
  const requestAccess = form.handleSubmit(async (v) => {
    await api.post('/api/journal-access-requests', {
      clientId, ...(v.reason.trim() ? { reason: v.reason.trim() } : {}),
      ...(v.expiresOn ? { expiresAt: zonedToUtc(v.expiresOn, '23:59', zone).toISOString() } : {}),
    });
    form.reset();
    setStatus({ text: 'Request sent. The client decides whether to share their journal.', failed: false });
    await reload();
  });
  const cancel = async (r: JournalAccessRequest) => {
    try {
      await api.put(`/api/journal-access-requests/${r.journalAccessRequestId}`, { status: 'cancelled' });
      setStatus({ text: 'Request withdrawn.', failed: false });
    } catch (err) {
      setStatus({ text: errorText(err), failed: true });
    }
    await reload();
  };

  if (error && !data) return <><PageHeading>Client</PageHeading><p className="notice" role="alert">{error}</p></>;
  if (!data) return <><PageHeading>Client</PageHeading><p className="skeleton">Loading…</p></>;
  const { client } = data;
  return (
    <>
      <PageHeading>{client.name}</PageHeading>
      <p><Link to="/therapist/clients">← All clients</Link> · <Link to={`/therapist/messages/${client.clientId}`}>Messages with {client.name}</Link></p>
      {client.timezone && <p className="muted">Their time zone: {zoneLabel(client.timezone)}</p>}
      {status && <p role={status.failed ? 'alert' : 'status'} className={status.failed ? 'notice' : 'confirmation'} data-testid="client-status">{status.text}</p>}
      <section aria-labelledby="client-sessions">
        <h2 id="client-sessions">Sessions <span className="muted">(times in {zoneLabel(zone)})</span></h2>
        {!data.sessions.length ? <p className="empty">No sessions with {client.name} yet.</p> : (
          <ul className="item-list">
            {data.sessions.map((s) => (
              <li key={s.sessionId}><Link to={`/therapist/sessions/${s.sessionId}`}>{formatDateTime(s.startTime, zone)}</Link> <span className="tag">{SESSION_STATUS[s.status]}</span></li>
            ))}
          </ul>
        )}
      </section>
      <section aria-labelledby="client-journal">
        <h2 id="client-journal">Journal</h2>
        {data.active ? (
          <JournalView clientId={client.clientId} grant={data.active} zone={zone} />
        ) : data.pending ? (
          <p data-testid="access-pending">
            You asked to read {client.name}’s journal on {formatDateTime(data.pending.createdAt, zone)} — waiting for their answer.{' '}
            <button type="button" className="button button--secondary" onClick={() => void cancel(data.pending!)}>Withdraw request</button>
          </p>
        ) : (
          <form onSubmit={requestAccess} noValidate className="narrow">
            <p>You have no access to {client.name}’s journal. They decide; entries they mark private are never shown.</p>
            <ErrorSummary form={form} />
            <TextArea form={form} name="reason" label="Reason (optional)" hint="Shown to the client with your request." rows={3} />
            <TextField form={form} name="expiresOn" label="Access until (optional)" type="date" hint="Leave empty for access until the client revokes it." />
            <SubmitButton submitting={form.submitting}>Request journal access</SubmitButton>
          </form>
        )}
      </section>
      <ClientMeasures clientId={client.clientId} name={client.name} granted={!!data.active} zone={zone} />
    </>
  );
}

function JournalView({ clientId, grant, zone }: { clientId: string; grant: JournalAccessRequest; zone: string }) {
  const { data, error } = useLoad(async () => {
    const [entries, insights] = await Promise.all([
      api.get<Page<JournalEntry>>(`/api/journals/${clientId}?limit=50`),
      api.get<{ buckets: InsightBucket[] }>(`/api/journals/${clientId}/insights?bucket=week`),
    ]);
    return { entries: entries.items, buckets: insights.buckets };
  }, [clientId, grant.journalAccessRequestId]);
  return (
    <>
      <p className="banner banner--privacy" role="note" data-testid="reads-logged">Your reads are logged and visible to the client</p>
      <p className="muted">Shared with you{grant.expiresAt ? ` until ${formatDateTime(grant.expiresAt, zone)}` : ' until the client revokes it'}. Entries the client marked private are not shown.</p>
      {error && <p className="notice" role="alert">{error}</p>}
      {data && (
        <>
          <h3>Insights by week</h3>
          {!data.buckets.length ? <p className="empty">No entries to summarise.</p> : (
            <table className="data-table" data-testid="insights">
              <caption className="visually-hidden">Journal entries per week</caption>
              <thead><tr><th scope="col">Week of</th><th scope="col">Entries</th><th scope="col">Average intensity</th><th scope="col">Feelings</th></tr></thead>
              <tbody>
                {data.buckets.map((b) => (
                  <tr key={b.start}>
                    <td>{b.start.slice(0, 10)}</td><td>{b.entryCount}</td>
                    <td>{b.averageIntensity == null ? '—' : b.averageIntensity.toFixed(1)}</td>
                    <td>{Object.entries(b.feelings).map(([f, n]) => `${f} ${n}`).join(', ')}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          <h3>Entries</h3>
          {!data.entries.length ? <p className="empty">No shared entries.</p> : (
            <ul className="journal-list" data-testid="client-journal">
              {data.entries.map((e) => (
                <li key={e.journalEntryId}>
                  <p className="muted">{formatDateTime(e.time, zone)} · {e.feeling}, intensity {e.intensity}/10</p>
                  <p className="journal-content">{e.content}</p>
                </li>
              ))}
            </ul>
          )}
        </>
      )}
    </>
  );
}
