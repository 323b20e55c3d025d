import { useState } from 'react';
import { api } from '../../api/client';
import { ApiError } from '../../api/problem';
import type { Page } from '../../api/types';
import type { Slot } from '../../api/workspace';
import { ErrorSummary, SelectField, SubmitButton, TextField, useForm, type Errors } from '../../components/form';
import { PageHeading } from '../../components/PageHeading';
import { errorText, useLoad } from '../../lib/useLoad';
import {
  addDays, apiInstant, browserZone, COMMON_ZONES, formatDate, formatDateTime, formatTime, localParts, todayIn,
  weeklyOccurrences, zonedToUtc, zoneLabel,
} from '../../lib/zonedTime';
import { useNotificationListener } from '../../notifications/Notifications';
import { useSession } from '../../session/session';

interface Row { key: number; date: string; start: string; end: string }
type RowErrors = Record<number, string>;

const MIN = 15 * 60_000;
const MAX = 4 * 60 * 60_000;

function zoneOptions(current: string) {
  const zones = COMMON_ZONES.includes(current) ? COMMON_ZONES : [current, ...COMMON_ZONES];
  return zones.map((z) => ({ value: z, label: `${z.replace(/_/g, ' ')}` }));
}

/** Checks one range; returns the message for its row, or null. */
function rangeProblem(start: Date, end: Date): string | null {
  if (Number.isNaN(start.getTime()) || Number.isNaN(end.getTime())) return 'Enter a date, a start and an end time';
  const length = end.getTime() - start.getTime();
  if (length < MIN || length > MAX) return 'A slot lasts between 15 minutes and 4 hours';
  if (start.getTime() <= Date.now()) return 'This time is in the past — choose a future time';
  return null;
}

/** Puts each clash the API names (by its start instant) next to the row that starts then. */
function clashesByRow(err: ApiError, starts: string[]): RowErrors | null {
  const detail = err.problem?.detail ?? '';
  const rows: RowErrors = {};
  starts.forEach((s, i) => { if (detail.includes(s)) rows[i] = 'Overlaps another of your slots'; });
  return Object.keys(rows).length ? rows : null;
}

/** Field errors like slots[2].startTime, put on row 2. */
function fieldErrorsByRow(err: ApiError): RowErrors {
  const rows: RowErrors = {};
  for (const e of err.problem?.errors ?? []) {
    const m = /slots\[(\d+)\]/.exec(e.field);
    if (m && rows[Number(m[1])] === undefined) rows[Number(m[1])] = e.message;
  }
  return rows;
}

export default function Availability() {
  const { me } = useSession();
  const [zone, setZone] = useState(browserZone());
  const [weekStart, setWeekStart] = useState(() => mondayOf(todayIn(browserZone())));
  const from = zonedToUtc(weekStart, '00:00', zone);
  const to = zonedToUtc(addDays(weekStart, 7), '00:00', zone);
  const { data, error, reload } = useLoad(
    () => api.get<Page<Slot>>(`/api/session-slots/${me!.userId}?from=${encodeURIComponent(from.toISOString())}&to=${encodeURIComponent(to.toISOString())}&limit=200`),
    [me?.userId, weekStart, zone]);
  useNotificationListener((n) => { if (n.type.startsWith('appointment.')) void reload(); });
  const [status, setStatus] = useState<{ text: string; failed: boolean } | null>(null);

  return (
    <>
      <PageHeading>Calendar and availability</PageHeading>
      <div className="narrow">
        <label htmlFor="zone">Time zone for this page</label>
        <select id="zone" value={zone} onChange={(e) => setZone(e.target.value)}>
          {zoneOptions(zone).map((o) => <option key={o.value} value={o.value}>{o.label}</option>)}
        </select>
        <p className="hint">Every time below is {zoneLabel(zone)}; clients see their own.</p>
      </div>
      {status && <p role={status.failed ? 'alert' : 'status'} className={status.failed ? 'notice' : 'confirmation'} data-testid="availability-status">{status.text}</p>}
      <BatchForm therapistId={me!.userId} zone={zone} onCreated={(n) => { setStatus({ text: `${n} slot${n === 1 ? '' : 's'} added.`, failed: false }); void reload(); }} />
      <WeeklyForm therapistId={me!.userId} zone={zone} onCreated={(n) => { setStatus({ text: `${n} weekly slot${n === 1 ? '' : 's'} added.`, failed: false }); void reload(); }} />
      <section aria-labelledby="week-title">
        <h2 id="week-title">Week of {formatDate(weekStart)}</h2>
        <p>
          <button type="button" className="button button--secondary" onClick={() => setWeekStart(addDays(weekStart, -7))}>Previous week</button>{' '}
          <button type="button" className="button button--secondary" onClick={() => setWeekStart(mondayOf(todayIn(zone)))}>This week</button>{' '}
          <button type="button" className="button button--secondary" onClick={() => setWeekStart(addDays(weekStart, 7))}>Next week</button>
        </p>
        {error && <p className="notice" role="alert">{error}</p>}
        <WeekView weekStart={weekStart} zone={zone} slots={data?.items ?? []} loading={!data && !error}
          onDelete={async (slot) => {
            try {
              await api.del(`/api/session-slots/${me!.userId}/${slot.slotId}`);
              setStatus({ text: `Removed the open slot ${formatDateTime(slot.startTime, zone)}.`, failed: false });
            } catch (err) {
              setStatus({ text: `Could not remove the slot: ${errorText(err)}`, failed: true });
            }
            await reload();
          }} />
      </section>
    </>
  );
}

function mondayOf(date: string): string {
  const [y, m, d] = date.split('-').map(Number);
  const dow = new Date(Date.UTC(y, m - 1, d)).getUTCDay();
  return addDays(date, -((dow + 6) % 7));
}

let nextKey = 1;
const emptyRow = (): Row => ({ key: nextKey++, date: '', start: '09:00', end: '10:00' });

function BatchForm({ therapistId, zone, onCreated }: { therapistId: string; zone: string; onCreated: (n: number) => void }) {
  const [rows, setRows] = useState<Row[]>([emptyRow()]);
  const [rowErrors, setRowErrors] = useState<RowErrors>({});
  const [summary, setSummary] = useState<string | null>(null);
  const [submitting, setSubmitting] = useState(false);
  const update = (key: number, patch: Partial<Row>) => setRows((rs) => rs.map((r) => (r.key === key ? { ...r, ...patch } : r)));

  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    if (submitting) return;
    const ranges = rows.map((r) => ({ start: r.date ? zonedToUtc(r.date, r.start, zone) : new Date(NaN), end: r.date ? zonedToUtc(r.date, r.end, zone) : new Date(NaN) }));
    const local: RowErrors = {};
    ranges.forEach((r, i) => { const p = rangeProblem(r.start, r.end); if (p) local[i] = p; });
    setRowErrors(local);
    if (Object.keys(local).length) { setSummary('Some rows need changing — see the messages next to them.'); return; }
    setSubmitting(true);
    setSummary(null);
    const starts = ranges.map((r) => apiInstant(r.start));
    try {
      const created = await api.post<{ items: Slot[] }>(`/api/session-slots/${therapistId}`, {
        slots: ranges.map((r) => ({ startTime: apiInstant(r.start), endTime: apiInstant(r.end) })),
      });
      setRows([emptyRow()]);
      setRowErrors({});
      onCreated(created.items.length);
    } catch (err) {
      if (err instanceof ApiError && err.status === 409) {
        const clashes = clashesByRow(err, starts);
        setRowErrors(clashes ?? {});
        setSummary(clashes ? 'Some rows overlap slots you already have — see the messages next to them. Nothing was saved.' : err.summary);
      } else if (err instanceof ApiError && err.status === 400) {
        const byRow = fieldErrorsByRow(err);
        setRowErrors(byRow);
        setSummary(Object.keys(byRow).length ? 'Some rows need changing — see the messages next to them.' : err.summary);
      } else {
        setSummary(`${errorText(err)} Nothing you entered is lost — try again.`);
      }
    } finally {
      setSubmitting(false);
    }
  };

  return (
    <section aria-labelledby="batch-title">
      <h2 id="batch-title">Add open times</h2>
      <form onSubmit={submit} noValidate data-testid="batch-form">
        {summary && <div className="error-summary" role="alert"><h3>There is a problem</h3><p>{summary}</p></div>}
        <table className="data-table slot-rows">
          <caption className="visually-hidden">New slots, times in {zoneLabel(zone)}</caption>
          <thead><tr><th scope="col">Date</th><th scope="col">Start</th><th scope="col">End</th><th scope="col"><span className="visually-hidden">Row actions</span></th></tr></thead>
          <tbody>
            {rows.map((r, i) => {
              const err = rowErrors[i];
              const errId = `row-${r.key}-error`;
              return (
                <tr key={r.key} className={err ? 'row--error' : undefined} data-testid={`slot-row-${i}`}>
                  <td>
                    <label className="visually-hidden" htmlFor={`row-${r.key}-date`}>{`Date of slot ${i + 1}`}</label>
                    <input id={`row-${r.key}-date`} type="date" value={r.date} onChange={(e) => update(r.key, { date: e.target.value })}
                      aria-invalid={!!err} aria-describedby={err ? errId : undefined} />
                    {err && <p className="field-error" id={errId} data-testid={`slot-row-error-${i}`}><span className="visually-hidden">Error: </span>{err}</p>}
                  </td>
                  <td>
                    <label className="visually-hidden" htmlFor={`row-${r.key}-start`}>{`Start of slot ${i + 1}`}</label>
                    <input id={`row-${r.key}-start`} type="time" value={r.start} onChange={(e) => update(r.key, { start: e.target.value })} aria-invalid={!!err} />
                  </td>
                  <td>
                    <label className="visually-hidden" htmlFor={`row-${r.key}-end`}>{`End of slot ${i + 1}`}</label>
                    <input id={`row-${r.key}-end`} type="time" value={r.end} onChange={(e) => update(r.key, { end: e.target.value })} aria-invalid={!!err} />
                  </td>
                  <td>
                    {rows.length > 1 && <button type="button" className="link-button" onClick={() => { setRows((rs) => rs.filter((x) => x.key !== r.key)); setRowErrors({}); }}>Remove slot {i + 1}</button>}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
        <p>
          <button type="button" className="button button--secondary" onClick={() => setRows((rs) => [...rs, emptyRow()])}>Add another slot</button>{' '}
          <SubmitButton submitting={submitting}>Save slots</SubmitButton>
        </p>
      </form>
    </section>
  );
}

type WeeklyValues = { firstDate: string; time: string; minutes: string; weeks: string };

function WeeklyForm({ therapistId, zone, onCreated }: { therapistId: string; zone: string; onCreated: (n: number) => void }) {
  const form = useForm<WeeklyValues>({ firstDate: '', time: '09:00', minutes: '50', weeks: '4' }, (v) => {
    const e: Errors<WeeklyValues> = {};
    if (!/^\d{4}-\d{2}-\d{2}$/.test(v.firstDate)) e.firstDate = 'Enter the date of the first slot';
    if (!/^\d{2}:\d{2}$/.test(v.time)) e.time = 'Enter a start time, like 09:00';
    const minutes = Number(v.minutes);
    if (!Number.isInteger(minutes) || minutes < 15 || minutes > 240) e.minutes = 'Length must be 15 to 240 minutes';
    const weeks = Number(v.weeks);
    if (!Number.isInteger(weeks) || weeks < 1 || weeks > 26) e.weeks = 'Repeat for 1 to 26 weeks';
    if (!e.firstDate && !e.time && zonedToUtc(v.firstDate, v.time, zone).getTime() <= Date.now()) e.firstDate = 'The first slot is in the past — choose a future date';
    return e;
  });
  const preview = !form.errors.firstDate && /^\d{4}-\d{2}-\d{2}$/.test(form.values.firstDate) && /^\d{2}:\d{2}$/.test(form.values.time)
    && Number(form.values.weeks) >= 1 && Number(form.values.weeks) <= 26
    ? weeklyOccurrences(form.values.firstDate, form.values.time, Number(form.values.minutes) || 0, Number(form.values.weeks), zone) : [];
  const submit = form.handleSubmit(async (v) => {
    const occurrences = weeklyOccurrences(v.firstDate, v.time, Number(v.minutes), Number(v.weeks), zone);
    const created = await api.post<{ items: Slot[] }>(`/api/session-slots/${therapistId}`, {
      slots: occurrences.map((o) => ({ startTime: apiInstant(o.start), endTime: apiInstant(o.end) })),
    });
    onCreated(created.items.length);
  });
  return (
    <section aria-labelledby="weekly-title">
      <h2 id="weekly-title">Repeat weekly</h2>
      <form onSubmit={submit} noValidate className="narrow" data-testid="weekly-form">
        <ErrorSummary form={form} />
        <TextField form={form} name="firstDate" label="First date" type="date" />
        <TextField form={form} name="time" label="Start time" type="time" hint={`${zoneLabel(zone)}; stays the same local time when the clocks change`} />
        <SelectField form={form} name="minutes" label="Length" options={[15, 30, 45, 50, 60, 90, 120, 180, 240].map((m) => ({ value: String(m), label: `${m} minutes` }))} />
        <TextField form={form} name="weeks" label="Number of weeks" inputMode="numeric" />
        {preview.length > 0 && (
          <details>
            <summary>{preview.length} slot{preview.length === 1 ? '' : 's'} will be added</summary>
            <ul data-testid="weekly-preview">
              {preview.map((o) => <li key={o.date}>{formatDate(o.date)}, {formatTime(o.start.toISOString(), zone)} ({o.start.toISOString().slice(11, 16)} UTC)</li>)}
            </ul>
          </details>
        )}
        <SubmitButton submitting={form.submitting}>Add weekly slots</SubmitButton>
      </form>
    </section>
  );
}

function WeekView({ weekStart, zone, slots, loading, onDelete }: {
  weekStart: string; zone: string; slots: Slot[]; loading: boolean; onDelete: (s: Slot) => Promise<void>;
}) {
  const days = Array.from({ length: 7 }, (_, i) => addDays(weekStart, i));
  const byDay = new Map<string, Slot[]>(days.map((d) => [d, []]));
  for (const s of slots) byDay.get(localParts(s.startTime, zone).date)?.push(s);
  if (loading) return <p className="skeleton">Loading your week…</p>;
  return (
    <div className="week" data-testid="week-view">
      {days.map((d) => (
        <section key={d} className="week-day" aria-label={formatDate(d)}>
          <h3>{formatDate(d)}</h3>
          {!byDay.get(d)!.length ? <p className="muted">No slots</p> : (
            <ul>
              {byDay.get(d)!.map((s) => (
                <li key={s.slotId} className={`slot slot--${s.status}`} data-testid="week-slot">
                  <span>{formatTime(s.startTime, zone)}–{formatTime(s.endTime, zone)}</span>{' '}
                  <span className="tag">{s.status === 'open' ? 'Open' : 'Booked'}</span>
                  {s.status === 'open' && (
                    <button type="button" className="link-button" onClick={() => void onDelete(s)}>
                      Delete<span className="visually-hidden"> open slot {formatDate(d)} {formatTime(s.startTime, zone)}</span>
                    </button>
                  )}
                </li>
              ))}
            </ul>
          )}
        </section>
      ))}
    </div>
  );
}
