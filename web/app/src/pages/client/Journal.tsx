import { useEffect, useRef, useState } from 'react';
import { api } from '../../api/client';
import { FEELINGS, JOURNAL_MAX, type InsightBucket, type JournalAccessRequest, type JournalEntry } from '../../api/portal';
import type { Page } from '../../api/types';
import { Confirm } from '../../components/Confirm';
import { Checkbox, ErrorSummary, SelectField, SubmitButton, TextArea, TextField, useForm } from '../../components/form';
import { LoadState } from '../../components/LoadState';
import { MoodChart } from '../../components/MoodChart';
import { PageHeading } from '../../components/PageHeading';
import { listAll, loadProfile, therapistNames, zoneOf } from '../../lib/clientProfile';
import { addDays, dayInZone, formatDate, formatDateTime, zonedToInstant } from '../../lib/time';
import { useLoad } from '../../lib/useLoad';
import { draftOr, forgetDraft, useKeptDraft } from '../../lib/drafts';
import { useSession } from '../../session/session';

const FEELING_OPTIONS = [{ value: '', label: 'Choose a feeling' }, ...FEELINGS.map((f) => ({ value: f, label: f[0].toUpperCase() + f.slice(1) }))];
const INTENSITY_OPTIONS = [{ value: '', label: 'Choose 1 to 10' }, ...Array.from({ length: 10 }, (_, i) => ({ value: String(i + 1), label: String(i + 1) + (i === 0 ? ' (mild)' : i === 9 ? ' (strongest)' : '') }))];

async function loadContext(clientId: string) {
  const [profile, grants] = await Promise.all([
    loadProfile(clientId),
    listAll<JournalAccessRequest>('/api/journal-access-requests?status=approved'),
  ]);
  const now = new Date().toISOString();
  const active = grants.filter((g) => !g.expiresAt || g.expiresAt > now);
  return { zone: zoneOf(profile), grants: active, names: await therapistNames(active.map((g) => g.therapistId)) };
}

export default function Journal() {
  const { me } = useSession();
  const clientId = me!.userId;
  const ctx = useLoad(() => loadContext(clientId), [clientId]);
  const zone = ctx.data?.zone ?? 'UTC';
  const [filters, setFilters] = useState({ from: '', to: '', feeling: '' });
  const [version, setVersion] = useState(0);
  const [status, setStatus] = useState<string | null>(null);
  const entries = useLoad(async () => {
    const params = new URLSearchParams({ limit: '50' });
    if (filters.from) params.set('from', zonedToInstant(filters.from, '00:00', zone).toISOString());
    if (filters.to) params.set('to', zonedToInstant(addDays(filters.to, 1), '00:00', zone).toISOString());
    if (filters.feeling) params.set('feeling', filters.feeling);
    return api.get<Page<JournalEntry>>(`/api/journals/${clientId}?${params}`);
  }, [clientId, filters, zone, version]);
  const [older, setOlder] = useState<JournalEntry[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  useEffect(() => { setOlder([]); setCursor(entries.data?.nextCursor ?? null); }, [entries.data]);
  const changed = (msg: string) => { setStatus(msg); setVersion((v) => v + 1); };

  const list = [...(entries.data?.items ?? []), ...older];
  return (
    <>
      <PageHeading>Journal</PageHeading>
      <p className="status-line" role="status" data-testid="journal-status">{status}</p>
      <LoadState loading={ctx.loading} error={ctx.error} hasData={!!ctx.data} onRetry={ctx.reload} label="who can read your journal">
        {ctx.data && <SharingStatement grants={ctx.data.grants} names={ctx.data.names} zone={zone} />}
      </LoadState>
      <section aria-labelledby="write-title">
        <h2 id="write-title">Write an entry</h2>
        <EntryForm clientId={clientId} zone={zone} onStart={() => setStatus(null)} onSaved={() => changed('Entry saved.')} />
      </section>
      <section aria-labelledby="mood-title">
        <h2 id="mood-title">Your mood</h2>
        <Insights clientId={clientId} zone={zone} version={version} />
      </section>
      <section aria-labelledby="entries-title">
        <h2 id="entries-title">Your entries</h2>
        <Filters onApply={setFilters} />
        <LoadState loading={entries.loading} error={entries.error} hasData={!!entries.data} onRetry={entries.reload} label="your entries">
          {list.length === 0 ? (
            <p className="empty" data-testid="no-entries">{filters.from || filters.to || filters.feeling ? 'No entries match these filters.' : 'No entries yet. What is on your mind today?'}</p>
          ) : (
            <ul className="item-list" data-testid="entries">
              {list.map((e) => <EntryItem key={e.journalEntryId} entry={e} clientId={clientId} zone={zone} onChanged={changed} />)}
            </ul>
          )}
          {cursor && (
            <button type="button" className="button button--secondary" onClick={async () => {
              const page = await api.get<Page<JournalEntry>>(`/api/journals/${clientId}?limit=50&cursor=${encodeURIComponent(cursor)}`).catch(() => null);
              if (page) { setOlder((o) => [...o, ...page.items]); setCursor(page.nextCursor); }
            }}>Show older entries</button>
          )}
        </LoadState>
      </section>
    </>
  );
}

function SharingStatement({ grants, names, zone }: { grants: JournalAccessRequest[]; names: Record<string, string>; zone: string }) {
  if (grants.length === 0) {
    return <p className="notice" data-testid="sharing-statement">Only you can read your journal now. A therapist can read entries that are not private only after you approve their request under Sharing.</p>;
  }
  return (
    <p className="notice" data-testid="sharing-statement">
      Entries not marked private are shared with{' '}
      {grants.map((g, i) => (
        <span key={g.journalAccessRequestId}>{i > 0 ? ', ' : ''}<strong>{names[g.therapistId]}</strong>{g.expiresAt ? ` (until ${formatDate(g.expiresAt, zone)})` : ''}</span>
      ))}{' '}while access is granted. Private entries are only for you.
    </p>
  );
}

type EntryValues = { content: string; feeling: string; intensity: string; time: string; private: string };

function validate(v: EntryValues): Partial<Record<keyof EntryValues, string>> {
  const e: Partial<Record<keyof EntryValues, string>> = {};
  if (!v.content.trim()) e.content = 'Write something in your entry';
  else if (v.content.length > JOURNAL_MAX) e.content = `Your entry must be ${JOURNAL_MAX.toLocaleString('en-GB')} characters or fewer (it has ${v.content.length.toLocaleString('en-GB')})`;
  if (!v.feeling) e.feeling = 'Choose how you feel';
  if (!v.intensity) e.intensity = 'Choose how strong the feeling is, from 1 to 10';
  return e;
}

/** Write or edit; values stay in this component's state when a save fails, so nothing typed is lost. */
function EntryForm({ clientId, zone, entry, onStart, onSaved, onCancel }: {
  clientId: string; zone: string; entry?: JournalEntry; onStart?: () => void; onSaved: () => void; onCancel?: () => void;
}) {
  const [saved, setSaved] = useState(false);
  const initial: EntryValues = {
    content: entry?.content ?? '', feeling: entry?.feeling ?? '', intensity: entry ? String(entry.intensity) : '',
    time: entry ? toLocalInput(entry.time, zone) : '', private: entry ? String(entry.private) : 'false',
  };
  const { me } = useSession();
  const draftKey = entry ? `journal:${entry.journalEntryId}` : 'journal:new';
  const form = useForm<EntryValues>(draftOr(draftKey, me?.userId, initial), (v) => {
    const e = validate(v);
    if (v.time && zonedToInstant(v.time.slice(0, 10), v.time.slice(11, 16), zone).getTime() > Date.now()) e.time = 'The time cannot be in the future';
    return e;
  });
  const submit = form.handleSubmit(async (v) => {
    setSaved(false);
    onStart?.();
    const body: Record<string, unknown> = { content: v.content, feeling: v.feeling, intensity: Number(v.intensity), private: v.private === 'true' };
    if (v.time) body.time = zonedToInstant(v.time.slice(0, 10), v.time.slice(11, 16), zone).toISOString();
    if (entry) await api.put(`/api/journals/${clientId}/${entry.journalEntryId}`, body);
    else await api.post(`/api/journals/${clientId}`, body);
    forgetDraft(draftKey);
    if (!entry) form.reset(initial);
    setSaved(true);
    onSaved();
  });
  useKeptDraft(draftKey, me?.userId, form.values, initial);
  const count = form.values.content.length;
  const p = entry ? `edit-${entry.journalEntryId}` : 'new';
  return (
    <form onSubmit={submit} noValidate className="entry-form" data-testid={`entry-form-${entry ? 'edit' : 'new'}`}>
      <ErrorSummary form={form} />
      <TextArea form={form} name="content" label={entry ? 'Entry' : 'What is on your mind?'} rows={entry ? 5 : 7}
        hint={<span data-testid={`${p}-count`}>{count.toLocaleString('en-GB')} of {JOURNAL_MAX.toLocaleString('en-GB')} characters</span>} />
      <div className="field-row">
        <SelectField form={form} name="feeling" label="Feeling" options={FEELING_OPTIONS} />
        <SelectField form={form} name="intensity" label="Intensity" options={INTENSITY_OPTIONS} />
      </div>
      <TextField form={form} name="time" type="datetime-local" label="When (optional)" hint={`In your time zone, ${zone}. Leave empty for now.`} />
      <Checkbox form={form} name="private" label="Private — only you"
        hint="Only you can read a private entry, even when a therapist has access to your journal." />
      <p className="privacy-tag" data-testid={`${p}-visibility`}>
        {form.values.private === 'true' ? 'Only you will see this entry.' : 'Shared with your therapist while access is granted.'}
      </p>
      <div className="actions">
        <SubmitButton submitting={form.submitting} busyLabel="Saving…">{entry ? 'Save changes' : 'Save entry'}</SubmitButton>
        {onCancel && <button type="button" className="button button--secondary" onClick={onCancel}>Cancel editing</button>}
      </div>
      {saved && !form.submitting && <p className="saved" role="status" data-testid={`${p}-saved`}>Saved.</p>}
    </form>
  );
}

function toLocalInput(iso: string, zone: string): string {
  const time = new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone: zone }).format(new Date(iso));
  return `${dayInZone(iso, zone)}T${time}`;
}

function EntryItem({ entry, clientId, zone, onChanged }: { entry: JournalEntry; clientId: string; zone: string; onChanged: (msg: string) => void }) {
  const [editing, setEditing] = useState(false);
  const when = formatDateTime(entry.time, zone);
  const editRef = useRef<HTMLButtonElement>(null);
  return (
    <li className="entry" data-testid="entry">
      <p className="entry__meta">
        <strong>{when}</strong> · {entry.feeling}, intensity {entry.intensity} of 10
        {' · '}{entry.private ? <span className="tag tag--private">Only you</span> : <span className="tag">Shareable</span>}
      </p>
      {editing ? (
        <EntryForm clientId={clientId} zone={zone} entry={entry}
          onSaved={() => { setEditing(false); onChanged('Entry updated.'); }}
          onCancel={() => { setEditing(false); setTimeout(() => editRef.current?.focus()); }} />
      ) : (
        <>
          <p className="prewrap entry__content">{entry.content}</p>
          <div className="actions">
            <button type="button" ref={editRef} className="button button--secondary" onClick={() => setEditing(true)}>Edit entry of {when}</button>
            <Confirm
              trigger={`Delete entry of ${when}`}
              question={<>Delete your entry of {when}? It is gone for good, for you and for anyone you share your journal with.</>}
              confirmLabel="Yes, delete the entry"
              onConfirm={async () => {
                await api.del(`/api/journals/${clientId}/${entry.journalEntryId}`);
                onChanged('Entry deleted.');
              }}
            />
          </div>
        </>
      )}
    </li>
  );
}

function Filters({ onApply }: { onApply: (f: { from: string; to: string; feeling: string }) => void }) {
  const form = useForm({ from: '', to: '', feeling: '' }, (v) => (v.from && v.to && v.from > v.to ? { to: 'The end date must be on or after the start date' } : {}));
  const submit = form.handleSubmit(async (v) => onApply({ ...v }));
  return (
    <form onSubmit={submit} noValidate className="filters" aria-label="Filter entries">
      <ErrorSummary form={form} />
      <div className="field-row">
        <TextField form={form} name="from" type="date" label="From" />
        <TextField form={form} name="to" type="date" label="To" />
        <SelectField form={form} name="feeling" label="Show feeling" options={[{ value: '', label: 'Any feeling' }, ...FEELING_OPTIONS.slice(1)]} />
      </div>
      <div className="actions">
        <SubmitButton submitting={false}>Apply filters</SubmitButton>
        <button type="button" className="button button--secondary" onClick={() => { form.reset(); onApply({ from: '', to: '', feeling: '' }); }}>Clear filters</button>
      </div>
    </form>
  );
}

function Insights({ clientId, zone, version }: { clientId: string; zone: string; version: number }) {
  const [bucket, setBucket] = useState<'week' | 'day'>('week');
  const data = useLoad(async () => {
    const to = new Date();
    const from = new Date(to.getTime() - (bucket === 'week' ? 12 * 7 : 14) * 86400000);
    const res = await api.get<{ buckets: InsightBucket[] }>(
      `/api/journals/${clientId}/insights?bucket=${bucket}&from=${encodeURIComponent(from.toISOString())}&to=${encodeURIComponent(to.toISOString())}`);
    return res.buckets;
  }, [clientId, bucket, version]);
  return (
    <>
      <fieldset className="field toggle">
        <legend>Group by</legend>
        {(['week', 'day'] as const).map((b) => (
          <label key={b} className="toggle__option">
            <input type="radio" name="bucket" value={b} checked={bucket === b} onChange={() => setBucket(b)} />
            {b === 'week' ? 'Week (last 12 weeks)' : 'Day (last 14 days)'}
          </label>
        ))}
      </fieldset>
      <LoadState loading={data.loading} error={data.error} hasData={!!data.data} onRetry={data.reload} label="your mood chart">
        {data.data && <MoodChart buckets={data.data} bucket={bucket} zone={zone} />}
      </LoadState>
    </>
  );
}
