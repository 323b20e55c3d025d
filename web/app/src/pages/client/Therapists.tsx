import { useState } from 'react';
import { api } from '../../api/client';
import type { MappingRequest, Therapist } from '../../api/portal';
import type { Page } from '../../api/types';
import { Confirm } from '../../components/Confirm';
import { Checkbox, ErrorSummary, SubmitButton, TextField, useForm } from '../../components/form';
import { LoadState } from '../../components/LoadState';
import { PageHeading } from '../../components/PageHeading';
import { listAll, loadLinkedTherapists, loadProfile, therapistNames, zoneOf } from '../../lib/clientProfile';
import { formatDate } from '../../lib/time';
import { describeError, useLoad } from '../../lib/useLoad';
import { useNotificationListener } from '../../notifications/Notifications';
import { useSession } from '../../session/session';

async function loadMine(clientId: string) {
  const [profile, linked, requests] = await Promise.all([
    loadProfile(clientId),
    loadLinkedTherapists(clientId),
    listAll<MappingRequest>('/api/mapping-requests?status=pending'),
  ]);
  const names = await therapistNames(requests.map((r) => r.therapistId));
  return { hasProfile: profile !== null, zone: zoneOf(profile), linked, requests, names };
}

export default function Therapists() {
  const { me } = useSession();
  const clientId = me!.userId;
  const mine = useLoad(() => loadMine(clientId), [clientId]);
  const [status, setStatus] = useState<string | null>(null);
  // The linked list is client-service's copy, updated from an event a moment after the link changes: show the
  // change at once, and look again a few times until the copy agrees.
  const [justLinked, setJustLinked] = useState<Record<string, string>>({});
  const [justEnded, setJustEnded] = useState<Set<string>>(new Set());
  const settle = () => [1000, 2000, 4000, 8000].forEach((ms) => setTimeout(() => void mine.reload(), ms));
  useNotificationListener((n) => { if (n.type.startsWith('mapping.')) void mine.reload(); });

  const answer = async (r: MappingRequest, decision: 'approved' | 'rejected' | 'cancelled', name: string) => {
    try {
      await api.put(`/api/mapping-requests/${r.mappingRequestId}`, { status: decision });
      if (decision === 'approved') {
        setJustLinked((j) => ({ ...j, [r.therapistId]: name }));
        setJustEnded((e) => { const n = new Set(e); n.delete(r.therapistId); return n; });
        settle();
      }
      setStatus(decision === 'approved' ? `You are now linked with ${name}.` : decision === 'rejected' ? `You declined ${name}'s request.` : `Your request to ${name} was withdrawn.`);
    } catch (e) {
      setStatus(describeError(e));
    }
    await mine.reload();
  };

  const d = mine.data;
  const incoming = d?.requests.filter((r) => r.requestedBy === 'therapist') ?? [];
  const outgoing = d?.requests.filter((r) => r.requestedBy === 'client') ?? [];
  const linked = [
    ...(d?.linked.filter((t) => !justEnded.has(t.therapistId)) ?? []),
    ...Object.entries(justLinked).filter(([id]) => !d?.linked.some((t) => t.therapistId === id)).map(([therapistId, name]) => ({ therapistId, name, linkedAt: '' })),
  ];
  const linkedIds = new Set(linked.map((t) => t.therapistId));
  const pendingIds = new Set(d?.requests.map((r) => r.therapistId) ?? []);
  return (
    <>
      <PageHeading>My therapists</PageHeading>
      <p className="status-line" role="status" data-testid="therapists-status">{status}</p>
      <LoadState loading={mine.loading} error={mine.error} hasData={!!d} onRetry={mine.reload} label="your therapists">
        {d && (
          <>
            {!d.hasProfile && <p className="notice">Create your profile under Settings before asking a therapist to link.</p>}
            <section aria-labelledby="linked-title">
              <h2 id="linked-title">Linked therapists</h2>
              {linked.length === 0 ? <p className="empty">You are not linked with a therapist yet. Find one below.</p> : (
                <ul className="item-list" data-testid="linked-therapists">
                  {linked.map((t) => (
                    <li key={t.therapistId}>
                      <p><strong>{t.name}</strong> · {t.linkedAt ? `linked since ${formatDate(t.linkedAt, d.zone)}` : 'linked just now'}</p>
                      <Confirm
                        trigger={`End link with ${t.name}`}
                        question={<>End your link with <strong>{t.name}</strong>? Their access to your journal is revoked, your pending booking requests are rejected and your future sessions with them are cancelled.</>}
                        confirmLabel="Yes, end the link"
                        onConfirm={async () => {
                          await api.del(`/api/mappings/${clientId}/${t.therapistId}`);
                          setStatus(`Your link with ${t.name} has ended.`);
                          setJustEnded((e) => new Set(e).add(t.therapistId));
                          setJustLinked((j) => { const n = { ...j }; delete n[t.therapistId]; return n; });
                        }}
                      />
                    </li>
                  ))}
                </ul>
              )}
            </section>
            <section aria-labelledby="incoming-title">
              <h2 id="incoming-title">Requests from therapists</h2>
              {incoming.length === 0 ? <p className="empty">No therapist is asking to link with you.</p> : (
                <ul className="item-list" data-testid="incoming-requests">
                  {incoming.map((r) => (
                    <li key={r.mappingRequestId}>
                      <p><strong>{d.names[r.therapistId]}</strong> asks to link with you (since {formatDate(r.createdAt, d.zone)}). Linked, they can message you and you can book their open times.</p>
                      <div className="actions">
                        <button type="button" className="button" onClick={() => answer(r, 'approved', d.names[r.therapistId])}>Approve {d.names[r.therapistId]}</button>
                        <button type="button" className="button button--secondary" onClick={() => answer(r, 'rejected', d.names[r.therapistId])}>Decline</button>
                      </div>
                    </li>
                  ))}
                </ul>
              )}
            </section>
            <section aria-labelledby="outgoing-title">
              <h2 id="outgoing-title">Your pending requests</h2>
              {outgoing.length === 0 ? <p className="empty">No request waiting for a therapist's answer.</p> : (
                <ul className="item-list" data-testid="outgoing-requests">
                  {outgoing.map((r) => (
                    <li key={r.mappingRequestId}>
                      <p>Waiting for <strong>{d.names[r.therapistId]}</strong> to answer (sent {formatDate(r.createdAt, d.zone)}).</p>
                      <button type="button" className="button button--secondary" onClick={() => answer(r, 'cancelled', d.names[r.therapistId])}>Withdraw request to {d.names[r.therapistId]}</button>
                    </li>
                  ))}
                </ul>
              )}
            </section>
          </>
        )}
      </LoadState>
      <Directory linkedIds={linkedIds} pendingIds={pendingIds} onRequested={async (name) => { setStatus(`Request sent to ${name}. You will be told when they answer.`); await mine.reload(); }} />
    </>
  );
}

function Directory({ linkedIds, pendingIds, onRequested }: { linkedIds: Set<string>; pendingIds: Set<string>; onRequested: (name: string) => Promise<void> }) {
  const [results, setResults] = useState<Therapist[] | null>(null);
  const [requestError, setRequestError] = useState<string | null>(null);
  const form = useForm({ q: '', expertise: '', location: '', accepting: 'true' });
  const search = form.handleSubmit(async (v) => {
    const params = new URLSearchParams({ limit: '50' });
    if (v.q.trim()) params.set('q', v.q.trim());
    if (v.expertise.trim()) params.set('expertise', v.expertise.trim());
    if (v.location.trim()) params.set('location', v.location.trim());
    if (v.accepting === 'true') params.set('acceptingClients', 'true');
    const page = await api.get<Page<Therapist>>(`/api/therapists?${params}`);
    setResults(page.items);
  });
  const request = async (t: Therapist) => {
    setRequestError(null);
    try {
      await api.post('/api/mapping-requests', { therapistId: t.therapistId });
      await onRequested(t.name);
    } catch (e) {
      setRequestError(`${t.name}: ${describeError(e)}`);
    }
  };
  return (
    <section aria-labelledby="directory-title">
      <h2 id="directory-title">Find a therapist</h2>
      <form onSubmit={search} noValidate className="filters" role="search" aria-label="Therapist directory">
        <ErrorSummary form={form} />
        <TextField form={form} name="q" label="Name starts with" />
        <TextField form={form} name="expertise" label="Expertise" hint="For example anxiety" />
        <TextField form={form} name="location" label="Location" />
        <Checkbox form={form} name="accepting" label="Only therapists accepting new clients" />
        <SubmitButton submitting={form.submitting} busyLabel="Searching…">Search</SubmitButton>
      </form>
      {requestError && <p className="field-error" role="alert">{requestError}</p>}
      {results && (results.length === 0 ? <p className="empty" role="status">No therapist matches. Try fewer filters.</p> : (
        <ul className="item-list" data-testid="directory" aria-label="Search results">
          {results.map((t) => (
            <li key={t.therapistId}>
              <h3>{t.name}</h3>
              <p>{t.expertise.join(', ')} · {t.location}{t.acceptingClients ? ' · accepting new clients' : ' · not accepting new clients'}</p>
              {t.bio && <p>{t.bio}</p>}
              {linkedIds.has(t.therapistId) ? <p><strong>Linked</strong></p>
                : pendingIds.has(t.therapistId) ? <p><strong>Request pending</strong></p>
                  : <button type="button" className="button" onClick={() => request(t)}>Ask {t.name} to link</button>}
            </li>
          ))}
        </ul>
      ))}
    </section>
  );
}
