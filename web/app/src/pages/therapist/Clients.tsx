import { useState } from 'react';
import { api } from '../../api/client';
import type { Page } from '../../api/types';
import type { CaseloadClient, MappingRequest } from '../../api/workspace';
import { Link } from '../../app/router';
import { ErrorSummary, SubmitButton, TextField, useForm } from '../../components/form';
import { PageHeading } from '../../components/PageHeading';
import { errorText, useLoad } from '../../lib/useLoad';
import { browserZone, formatDateTime } from '../../lib/zonedTime';
import { useNotificationListener } from '../../notifications/Notifications';
import { useSession } from '../../session/session';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export default function Clients() {
  const { me } = useSession();
  const zone = browserZone();
  const { data, error, loading, reload } = useLoad(async () => {
    const [caseload, requests] = await Promise.all([
      api.get<Page<CaseloadClient>>(`/api/therapists/${me!.userId}/clients?limit=200`),
      api.get<Page<MappingRequest>>('/api/mapping-requests?status=pending&limit=200'),
    ]);
    return { caseload: caseload.items, requests: requests.items };
  }, [me?.userId]);
  useNotificationListener((n) => { if (n.type.startsWith('mapping.')) void reload(); });
  const [status, setStatus] = useState<{ text: string; failed: boolean } | null>(null);
  const [confirmEnd, setConfirmEnd] = useState<string | null>(null);

  const act = async (what: () => Promise<unknown>, done: string) => {
    try {
      await what();
      setStatus({ text: done, failed: false });
    } catch (err) {
      setStatus({ text: errorText(err), failed: true });
    }
    await reload();
  };

  const form = useForm({ clientId: '' }, (v) => (UUID.test(v.clientId.trim()) ? {} : { clientId: 'Enter the client’s id, like 3f2b…-…, as they gave it to you' }));
  const send = form.handleSubmit(async (v) => {
    await api.post('/api/mapping-requests', { clientId: v.clientId.trim() });
    form.reset();
    setStatus({ text: 'Link request sent. The client sees it and can accept it.', failed: false });
    await reload();
  });

  const incoming = data?.requests.filter((r) => r.requestedBy !== me?.userId) ?? [];
  const outgoing = data?.requests.filter((r) => r.requestedBy === me?.userId) ?? [];
  return (
    <>
      <PageHeading>Clients</PageHeading>
      {status && <p role={status.failed ? 'alert' : 'status'} className={status.failed ? 'notice' : 'confirmation'} data-testid="clients-status">{status.text}</p>}
      {error && <p className="notice" role="alert">{error}</p>}
      <section aria-labelledby="link-requests">
        <h2 id="link-requests">Link requests</h2>
        {loading && !data && <p className="skeleton">Loading…</p>}
        {data && !incoming.length && !outgoing.length && <p className="empty">No link requests waiting.</p>}
        {incoming.length > 0 && (
          <ul className="item-list" data-testid="incoming-links">
            {incoming.map((r) => (
              <li key={r.mappingRequestId}>
                A client asked to link with you ({formatDateTime(r.createdAt, zone)}).{' '}
                <button type="button" className="button" onClick={() => void act(() => api.put(`/api/mapping-requests/${r.mappingRequestId}`, { status: 'approved' }), 'Link accepted. The client is now in your caseload.')}>Accept link</button>{' '}
                <button type="button" className="button button--secondary" onClick={() => void act(() => api.put(`/api/mapping-requests/${r.mappingRequestId}`, { status: 'rejected' }), 'Link request declined.')}>Decline</button>
              </li>
            ))}
          </ul>
        )}
        {outgoing.length > 0 && (
          <ul className="item-list">
            {outgoing.map((r) => (
              <li key={r.mappingRequestId}>
                You asked a client to link ({formatDateTime(r.createdAt, zone)}) — waiting for their answer.{' '}
                <button type="button" className="button button--secondary" onClick={() => void act(() => api.put(`/api/mapping-requests/${r.mappingRequestId}`, { status: 'cancelled' }), 'Link request withdrawn.')}>Withdraw</button>
              </li>
            ))}
          </ul>
        )}
        <form onSubmit={send} noValidate className="narrow">
          <ErrorSummary form={form} />
          <TextField form={form} name="clientId" label="Client id" hint="Ask the client for the id shown on their account page." autoComplete="off" />
          <SubmitButton submitting={form.submitting}>Send link request</SubmitButton>
        </form>
      </section>
      <section aria-labelledby="caseload">
        <h2 id="caseload">Caseload</h2>
        {data && !data.caseload.length && <p className="empty">No linked clients yet.</p>}
        {data && data.caseload.length > 0 && (
          <table className="data-table" data-testid="caseload">
            <caption className="visually-hidden">Linked clients</caption>
            <thead><tr><th scope="col">Client</th><th scope="col">Linked since</th><th scope="col">Link</th></tr></thead>
            <tbody>
              {data.caseload.map((c) => (
                <tr key={c.clientId}>
                  <td><Link to={`/therapist/clients/${c.clientId}`}>{c.name}</Link></td>
                  <td>{formatDateTime(c.linkedAt, zone)}</td>
                  <td>
                    {confirmEnd === c.clientId ? (
                      <span role="group" aria-label={`End the link with ${c.name}?`}>
                        Ending the link revokes journal access and cancels future sessions.{' '}
                        <button type="button" className="button button--danger" onClick={() => { setConfirmEnd(null); void act(() => api.del(`/api/mappings/${c.clientId}/${me!.userId}`), `The link with ${c.name} has ended.`); }}>End link with {c.name}</button>{' '}
                        <button type="button" className="button button--secondary" onClick={() => setConfirmEnd(null)}>Keep link</button>
                      </span>
                    ) : (
                      <button type="button" className="button button--secondary" onClick={() => setConfirmEnd(c.clientId)}>End link…</button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </>
  );
}
