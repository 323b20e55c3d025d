import { useState } from 'react';
import { api } from '../../api/client';
import type { AccessLogEntry, JournalAccessRequest } from '../../api/portal';
import type { Page } from '../../api/types';
import { Confirm } from '../../components/Confirm';
import { ErrorSummary, SubmitButton, TextField, useForm } from '../../components/form';
import { LoadState } from '../../components/LoadState';
import { PageHeading } from '../../components/PageHeading';
import { listAll, loadProfile, therapistNames, zoneOf } from '../../lib/clientProfile';
import { addDays, dayInZone, formatDate, formatDateTime, zonedToInstant } from '../../lib/time';
import { useLoad } from '../../lib/useLoad';
import { useNotificationListener } from '../../notifications/Notifications';
import { useSession } from '../../session/session';

const ACTION = { list: 'looked at the list of your entries', read: 'read an entry', insights: 'looked at your mood chart' } as const;

async function loadSharing(clientId: string) {
  const [profile, requests, log] = await Promise.all([
    loadProfile(clientId),
    listAll<JournalAccessRequest>('/api/journal-access-requests'),
    api.get<Page<AccessLogEntry>>(`/api/journals/${clientId}/access-log?limit=100`),
  ]);
  const names = await therapistNames([...requests.map((r) => r.therapistId), ...log.items.map((l) => l.therapistId)]);
  return { zone: zoneOf(profile), requests, log: log.items, names };
}

export default function Sharing() {
  const { me } = useSession();
  const clientId = me!.userId;
  const data = useLoad(() => loadSharing(clientId), [clientId]);
  const [status, setStatus] = useState<string | null>(null);
  useNotificationListener((n) => { if (n.type.startsWith('journal-access.')) void data.reload(); });
  const d = data.data;
  const now = new Date().toISOString();
  const pending = d?.requests.filter((r) => r.status === 'pending') ?? [];
  const active = d?.requests.filter((r) => r.status === 'approved' && (!r.expiresAt || r.expiresAt > now)) ?? [];
  const decide = async (r: JournalAccessRequest, body: Record<string, string>, msg: string) => {
    await api.put(`/api/journal-access-requests/${r.journalAccessRequestId}`, body);
    setStatus(msg);
    await data.reload();
  };
  return (
    <>
      <PageHeading>Sharing</PageHeading>
      <p>You decide which therapist may read your journal and for how long. Private entries are never shared.</p>
      <p className="status-line" role="status" data-testid="sharing-status">{status}</p>
      <LoadState loading={data.loading} error={data.error} hasData={!!d} onRetry={data.reload} label="your sharing">
        {d && (
          <>
            <section aria-labelledby="requests-title">
              <h2 id="requests-title">Requests to read your journal</h2>
              {pending.length === 0 ? <p className="empty">No therapist is asking to read your journal.</p> : (
                <ul className="item-list" data-testid="access-requests">
                  {pending.map((r) => (
                    <PendingAccess key={r.journalAccessRequestId} r={r} name={d.names[r.therapistId]} zone={d.zone} decide={decide} />
                  ))}
                </ul>
              )}
            </section>
            <section aria-labelledby="grants-title">
              <h2 id="grants-title">Who can read your journal now</h2>
              {active.length === 0 ? <p className="empty" data-testid="no-grants">Nobody. Only you can read your journal.</p> : (
                <ul className="item-list" data-testid="grants">
                  {active.map((r) => {
                    const name = d.names[r.therapistId];
                    return (
                      <li key={r.journalAccessRequestId}>
                        <p><strong>{name}</strong> can read your entries that are not private{r.expiresAt ? ` until ${formatDate(r.expiresAt, d.zone)}` : ' until you revoke access'}.</p>
                        <Confirm
                          trigger={`Revoke ${name}'s access`}
                          question={<>Revoke <strong>{name}</strong>'s access? From their very next request they can no longer read your journal or mood chart.</>}
                          confirmLabel={`Yes, revoke ${name}'s access`}
                          onConfirm={() => decide(r, { status: 'revoked' }, `${name} can no longer read your journal.`)}
                        />
                      </li>
                    );
                  })}
                </ul>
              )}
            </section>
            <section aria-labelledby="log-title">
              <h2 id="log-title">Access log</h2>
              <p>Every time a therapist reads your journal, it is recorded here.</p>
              {d.log.length === 0 ? <p className="empty" data-testid="no-log">No therapist has read your journal.</p> : (
                <div className="table-scroll">
                  <table className="data-table" data-testid="access-log">
                    <caption>Reads of your journal, newest first</caption>
                    <thead><tr><th scope="col">When</th><th scope="col">Who</th><th scope="col">What</th></tr></thead>
                    <tbody>
                      {d.log.map((l, i) => (
                        <tr key={`${l.at}-${i}`}>
                          <td>{formatDateTime(l.at, d.zone)}</td>
                          <td>{d.names[l.therapistId]}</td>
                          <td>{ACTION[l.action] ?? l.action}{l.entryIds && l.entryIds.length > 0 ? ` (${l.entryIds.length} ${l.entryIds.length === 1 ? 'entry' : 'entries'})` : ''}</td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </div>
              )}
            </section>
          </>
        )}
      </LoadState>
    </>
  );
}

function PendingAccess({ r, name, zone, decide }: {
  r: JournalAccessRequest; name: string; zone: string; decide: (r: JournalAccessRequest, body: Record<string, string>, msg: string) => Promise<void>;
}) {
  const form = useForm({ until: r.expiresAt ? dayInZone(r.expiresAt, zone) : '' }, (v) =>
    v.until && v.until < dayInZone(new Date(), zone) ? { until: 'The end date cannot be in the past' } : {});
  const approve = form.handleSubmit(async (v) => {
    const body: Record<string, string> = { status: 'approved' };
    if (v.until) body.expiresAt = zonedToInstant(addDays(v.until, 1), '00:00', zone).toISOString();
    await decide(r, body, `${name} can now read your entries that are not private${v.until ? ` until the end of ${formatDate(body.expiresAt, zone)}` : ''}.`);
  });
  return (
    <li>
      <p><strong>{name}</strong> asks to read your journal (asked {formatDate(r.createdAt, zone)}).</p>
      {r.reason && <p>Reason given: “{r.reason}”</p>}
      <p>If you approve, {name} can read your entries that are not private and your mood chart; each read is logged below. You can revoke at any time.</p>
      <form onSubmit={approve} noValidate>
        <ErrorSummary form={form} />
        <TextField form={form} name="until" type="date" label={`Share until (optional)`} hint="Leave empty to share until you revoke." />
        <div className="actions">
          <SubmitButton submitting={form.submitting}>Approve {name}</SubmitButton>
          <button type="button" className="button button--secondary" onClick={() => decide(r, { status: 'rejected' }, `You declined ${name}'s request. ${name} cannot read your journal.`).catch(() => undefined)}>Decline {name}</button>
        </div>
      </form>
    </li>
  );
}
