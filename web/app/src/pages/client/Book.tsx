import { useEffect, useRef, useState } from 'react';
import { api } from '../../api/client';
import type { AppointmentRequest, Slot } from '../../api/portal';
import { Link } from '../../app/router';
import { ErrorSummary, SubmitButton, TextArea, useForm } from '../../components/form';
import { LoadState } from '../../components/LoadState';
import { PageHeading } from '../../components/PageHeading';
import { listAll, loadLinkedTherapists, loadProfile, therapistNames, zoneOf } from '../../lib/clientProfile';
import { addDays, dayInZone, dayLabel, formatDateTime, formatTime, mondayOf, zoneName, zonedToInstant } from '../../lib/time';
import { describeError, useLoad } from '../../lib/useLoad';
import { useNotificationListener } from '../../notifications/Notifications';
import { useSession } from '../../session/session';

async function loadContext(clientId: string) {
  const [profile, linked] = await Promise.all([loadProfile(clientId), loadLinkedTherapists(clientId)]);
  return { zone: zoneOf(profile), linked };
}

export default function Book() {
  const { me } = useSession();
  const clientId = me!.userId;
  const ctx = useLoad(() => loadContext(clientId), [clientId]);
  const [therapistId, setTherapistId] = useState<string>('');
  const zone = ctx.data?.zone ?? 'UTC';
  const chosen = therapistId || ctx.data?.linked[0]?.therapistId || '';
  const requests = useLoad(async () => {
    const items = await listAll<AppointmentRequest>('/api/appointment-requests?status=pending');
    return { items, names: await therapistNames(items.map((r) => r.therapistId)) };
  }, []);
  useNotificationListener((n) => { if (n.type.startsWith('appointment.')) void requests.reload(); });

  return (
    <>
      <PageHeading>Book a session</PageHeading>
      <LoadState loading={ctx.loading} error={ctx.error} hasData={!!ctx.data} onRetry={ctx.reload} label="your therapists">
        {ctx.data && (ctx.data.linked.length === 0 ? (
          <p className="empty">You can book once a therapist has linked with you. Find one under <Link to="/client/therapists">Therapists</Link>.</p>
        ) : (
          <>
            {ctx.data.linked.length > 1 && (
              <div className="field">
                <label htmlFor="book-therapist">Therapist</label>
                <select id="book-therapist" value={chosen} onChange={(e) => setTherapistId(e.target.value)}>
                  {ctx.data.linked.map((t) => <option key={t.therapistId} value={t.therapistId}>{t.name}</option>)}
                </select>
              </div>
            )}
            <WeekCalendar key={chosen} therapistId={chosen} therapistName={ctx.data.linked.find((t) => t.therapistId === chosen)?.name ?? 'your therapist'}
              zone={zone} onRequested={requests.reload} pendingSlotIds={new Set(requests.data?.items.map((r) => r.slotId) ?? [])} />
          </>
        ))}
      </LoadState>
      <section aria-labelledby="pending-title">
        <h2 id="pending-title">Your pending requests</h2>
        <LoadState loading={requests.loading} error={requests.error} hasData={!!requests.data} onRetry={requests.reload} label="your requests">
          {requests.data && (requests.data.items.length === 0 ? <p className="empty">No request is waiting for an answer.</p> : (
            <ul className="item-list" data-testid="pending-requests">
              {requests.data.items.map((r) => (
                <PendingRequest key={r.appointmentRequestId} r={r} zone={zone} name={requests.data!.names[r.therapistId]} onChanged={requests.reload} />
              ))}
            </ul>
          ))}
        </LoadState>
      </section>
    </>
  );
}

function PendingRequest({ r, zone, name, onChanged }: { r: AppointmentRequest; zone: string; name: string; onChanged: () => Promise<void> }) {
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const cancel = async () => {
    if (busy) return;
    setBusy(true);
    try {
      await api.put(`/api/appointment-requests/${r.appointmentRequestId}`, { status: 'cancelled' });
      await onChanged();
    } catch (e) {
      setError(describeError(e));
      setBusy(false);
    }
  };
  const when = formatDateTime(r.startTime, zone);
  return (
    <li>
      <p><strong>{when}</strong> with {name} — waiting for {name} to approve.</p>
      {error && <p className="field-error" role="alert">{error}</p>}
      <button type="button" className="button button--secondary" onClick={cancel} aria-disabled={busy || undefined}>Cancel request for {when}</button>
    </li>
  );
}

function WeekCalendar({ therapistId, therapistName, zone, onRequested, pendingSlotIds }: {
  therapistId: string; therapistName: string; zone: string; onRequested: () => Promise<void>; pendingSlotIds: Set<string>;
}) {
  const [monday, setMonday] = useState(() => mondayOf(dayInZone(new Date(), zone)));
  const [selected, setSelected] = useState<Slot | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const slots = useLoad(async () => {
    const from = zonedToInstant(monday, '00:00', zone).toISOString();
    const to = zonedToInstant(addDays(monday, 7), '00:00', zone).toISOString();
    return listAll<Slot>(`/api/session-slots/${therapistId}?from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}&status=open`);
  }, [therapistId, monday, zone]);
  const days = Array.from({ length: 7 }, (_, i) => addDays(monday, i));
  const now = new Date().toISOString();
  const open = (slots.data ?? []).filter((s) => s.status === 'open' && s.startTime > now);
  const byDay = (day: string) => open.filter((s) => dayInZone(s.startTime, zone) === day);
  const weekLabel = `${dayLabel(days[0])} – ${dayLabel(days[6])}`;
  const gridRef = useRef<HTMLDivElement>(null);
  const doneRef = useRef<HTMLParagraphElement>(null);
  // The request form is gone once sent: focus goes to the confirmation instead of falling back to the page's start.
  useEffect(() => { if (done) doneRef.current?.focus(); }, [done]);

  // Arrow keys move between the slot buttons of the week, like a grid; Tab still reaches each of them.
  const onKeyDown = (e: React.KeyboardEvent) => {
    if (!['ArrowRight', 'ArrowLeft', 'ArrowDown', 'ArrowUp'].includes(e.key)) return;
    const buttons = Array.from(gridRef.current?.querySelectorAll<HTMLButtonElement>('button.slot') ?? []);
    const i = buttons.indexOf(document.activeElement as HTMLButtonElement);
    if (i < 0) return;
    e.preventDefault();
    const next = e.key === 'ArrowRight' || e.key === 'ArrowDown' ? i + 1 : i - 1;
    buttons[Math.max(0, Math.min(buttons.length - 1, next))]?.focus();
  };

  return (
    <section aria-labelledby="week-title">
      <h2 id="week-title">Open times of {therapistName}</h2>
      <p className="notice" data-testid="zone-note">
        Times are in <strong>{zoneName(zone)}</strong> ({zone}), your time zone from Settings.
        {' '}{therapistName} has not published a time zone, so every time here is yours.
      </p>
      <div className="week-nav">
        <button type="button" className="button button--secondary" onClick={() => { setSelected(null); setMonday(addDays(monday, -7)); }}>Previous week</button>
        <p className="week-nav__label" aria-live="polite" data-testid="week-label">Week of {weekLabel}</p>
        <button type="button" className="button button--secondary" onClick={() => { setSelected(null); setMonday(addDays(monday, 7)); }}>Next week</button>
      </div>
      {done && <p className="saved" role="status" data-testid="booking-status" ref={doneRef} tabIndex={-1}>{done}</p>}
      <LoadState loading={slots.loading} error={slots.error} hasData={!!slots.data} onRetry={slots.reload} label="open times">
        {open.length === 0 && <p className="empty" data-testid="no-slots">{therapistName} has no open times this week. Try the next week.</p>}
        <div className="week" ref={gridRef} onKeyDown={onKeyDown} data-testid="week">
          {days.map((day) => {
            const list = byDay(day);
            return (
              <div className="week__day" key={day} role="group" aria-labelledby={`day-${day}`}>
                <h3 id={`day-${day}`}>{dayLabel(day)}</h3>
                {list.length === 0 ? <p className="week__none">No open times</p> : (
                  <ul>
                    {list.map((s) => {
                      const label = `${formatTime(s.startTime, zone)}–${formatTime(s.endTime, zone)}`;
                      const pending = pendingSlotIds.has(s.slotId);
                      return (
                        <li key={s.slotId}>
                          <button type="button" className="slot" aria-pressed={selected?.slotId === s.slotId}
                            aria-label={`${dayLabel(day)} ${label}${pending ? ', requested' : ''}`}
                            onClick={() => { setDone(null); setSelected(s); }}>
                            {label}{pending && <span className="slot__tag"> requested</span>}
                          </button>
                        </li>
                      );
                    })}
                  </ul>
                )}
              </div>
            );
          })}
        </div>
      </LoadState>
      {selected && (
        <BookForm key={selected.slotId} slot={selected} zone={zone} therapistName={therapistName}
          onCancel={() => setSelected(null)}
          onDone={async (msg) => { setSelected(null); setDone(msg); await onRequested(); }} />
      )}
    </section>
  );
}

function BookForm({ slot, zone, therapistName, onCancel, onDone }: {
  slot: Slot; zone: string; therapistName: string; onCancel: () => void; onDone: (msg: string) => Promise<void>;
}) {
  const headingRef = useRef<HTMLHeadingElement>(null);
  useEffect(() => headingRef.current?.focus(), []);
  const when = formatDateTime(slot.startTime, zone);
  const form = useForm({ note: '' }, (v) => (v.note.length > 1000 ? { note: 'Your note must be 1,000 characters or fewer' } : {}));
  const submit = form.handleSubmit(async (v) => {
    await api.post('/api/appointment-requests', v.note.trim() ? { slotId: slot.slotId, note: v.note.trim() } : { slotId: slot.slotId });
    await onDone(`Requested ${when} with ${therapistName}. You will be told when ${therapistName} answers.`);
  });
  return (
    <form onSubmit={submit} noValidate className="book-form" aria-labelledby="book-form-title">
      <h3 id="book-form-title" ref={headingRef} tabIndex={-1}>Request {when}</h3>
      <ErrorSummary form={form} />
      <TextArea form={form} name="note" label="Note for your therapist (optional)" rows={3} hint="Your therapist sees this note with the request." />
      <div className="actions">
        <SubmitButton submitting={form.submitting} busyLabel="Sending request…">Request this time</SubmitButton>
        <button type="button" className="button button--secondary" onClick={onCancel}>Choose another time</button>
      </div>
    </form>
  );
}
