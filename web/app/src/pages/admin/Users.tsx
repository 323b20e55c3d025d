import { useState } from 'react';
import { api } from '../../api/client';
import type { Page } from '../../api/types';
import type { ClientProfile } from '../../api/workspace';
import { ErrorSummary, SubmitButton, TextField, useForm } from '../../components/form';
import { PageHeading } from '../../components/PageHeading';
import { errorText, useLoad } from '../../lib/useLoad';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export default function Users() {
  const [query, setQuery] = useState('');
  const [filter, setFilter] = useState('');
  const { data, error, reload } = useLoad(
    () => api.get<Page<ClientProfile>>(`/api/clients?limit=100${filter ? `&q=${encodeURIComponent(filter)}` : ''}`), [filter]);
  const [confirming, setConfirming] = useState<{ id: string; label: string } | null>(null);
  const [status, setStatus] = useState<{ text: string; failed: boolean } | null>(null);
  const [deactivated, setDeactivated] = useState<Set<string>>(new Set());

  const deactivate = async (id: string, label: string) => {
    setConfirming(null);
    try {
      await api.post(`/api/admin/users/${id}/deactivate`);
      setDeactivated((s) => new Set(s).add(id));
      setStatus({ text: `${label} is deactivated: signed out everywhere and can no longer sign in.`, failed: false });
    } catch (err) {
      setStatus({ text: `Could not deactivate ${label}: ${errorText(err)}`, failed: true });
    }
    await reload();
  };

  const byId = useForm({ userId: '' }, (v) => (UUID.test(v.userId.trim()) ? {} : { userId: 'Enter a user id (a UUID)' }));
  const askById = byId.handleSubmit(async (v) => { setConfirming({ id: v.userId.trim(), label: `User ${v.userId.trim()}` }); });

  return (
    <>
      <PageHeading>Users</PageHeading>
      {status && <p role={status.failed ? 'alert' : 'status'} className={status.failed ? 'notice' : 'confirmation'} data-testid="users-status">{status.text}</p>}
      {confirming && (
        <div className="confirm" role="alertdialog" aria-labelledby="confirm-title" aria-describedby="confirm-text" data-testid="confirm-deactivate">
          <h2 id="confirm-title">Deactivate {confirming.label}?</h2>
          <p id="confirm-text">Their sessions end at once and they cannot sign in again. This cannot be undone here.</p>
          <button type="button" className="button button--danger" onClick={() => void deactivate(confirming.id, confirming.label)}>Yes, deactivate</button>{' '}
          <button type="button" className="button button--secondary" onClick={() => setConfirming(null)}>Cancel</button>
        </div>
      )}
      <form className="narrow" role="search" onSubmit={(e) => { e.preventDefault(); setFilter(query.trim()); }}>
        <label htmlFor="client-filter">Client name starts with</label>
        <input id="client-filter" type="search" value={query} onChange={(e) => setQuery(e.target.value)} />
        <button type="submit" className="button button--secondary">Filter</button>
      </form>
      {error && <p className="notice" role="alert">{error}</p>}
      {!data && !error && <p className="skeleton">Loading clients…</p>}
      {data && !data.items.length && <p className="empty">{filter ? `No clients whose name starts with “${filter}”.` : 'No clients yet.'}</p>}
      {data && data.items.length > 0 && (
        <table className="data-table" data-testid="clients">
          <caption>Clients{filter ? ` whose name starts with “${filter}”` : ''}</caption>
          <thead><tr><th scope="col">Name</th><th scope="col">Email</th><th scope="col">User id</th><th scope="col">Account</th></tr></thead>
          <tbody>
            {data.items.map((c) => (
              <tr key={c.clientId}>
                <td>{c.name}</td><td>{c.email ?? '—'}</td><td className="mono">{c.clientId}</td>
                <td>{deactivated.has(c.clientId) ? 'Deactivated' : (
                  <button type="button" className="button button--secondary" aria-label={`Deactivate ${c.name}`}
                    onClick={() => setConfirming({ id: c.clientId, label: c.name })}>Deactivate…</button>
                )}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <h2>Deactivate any account by id</h2>
      <form onSubmit={askById} noValidate className="narrow">
        <ErrorSummary form={byId} />
        <TextField form={byId} name="userId" label="User id" hint="For therapists and others not in the client list." autoComplete="off" />
        <SubmitButton submitting={byId.submitting}>Deactivate…</SubmitButton>
      </form>
    </>
  );
}
