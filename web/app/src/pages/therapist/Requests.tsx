import { useRef, useState } from 'react';
import { api } from '../../api/client';
import type { Page } from '../../api/types';
import type { AppointmentRequest } from '../../api/workspace';
import { PageHeading } from '../../components/PageHeading';
import { useCaseloadNames } from '../../lib/caseload';
import { errorText, useLoad } from '../../lib/useLoad';
import { browserZone, formatDateTime, formatTime, zoneLabel } from '../../lib/zonedTime';
import { useNotificationListener } from '../../notifications/Notifications';
import { useSession } from '../../session/session';

export default function Requests() {
  const { me } = useSession();
  const zone = browserZone();
  const names = useCaseloadNames(me?.userId);
  const { data, error, loading, reload } = useLoad(
    () => api.get<Page<AppointmentRequest>>('/api/appointment-requests?status=pending&limit=200'), []);
  // one decision per request at a time, whatever the clicks: a double submit sends one PUT
  const busy = useRef(new Set<string>());
  const [, setTick] = useState(0);
  const [status, setStatus] = useState<{ id: string; text: string; failed: boolean } | null>(null);
  useNotificationListener((n) => { if (n.type.startsWith('appointment.')) void reload(); });

  const decide = async (r: AppointmentRequest, decision: 'approved' | 'rejected') => {
    if (busy.current.has(r.appointmentRequestId)) return;
    busy.current.add(r.appointmentRequestId);
    setTick((t) => t + 1);
    try {
      await api.put(`/api/appointment-requests/${r.appointmentRequestId}`, { status: decision });
      setStatus({ id: r.appointmentRequestId, failed: false, text: `${decision === 'approved' ? 'Approved' : 'Rejected'}: ${formatDateTime(r.startTime, zone)} with ${names[r.clientId] ?? 'a client'}.` });
      await reload();
    } catch (err) {
      setStatus({ id: r.appointmentRequestId, failed: true, text: `Could not save the decision: ${errorText(err)}` });
      await reload();
    } finally {
      busy.current.delete(r.appointmentRequestId);
      setTick((t) => t + 1);
    }
  };

  const items = (data?.items ?? []).slice().sort((a, b) => a.startTime.localeCompare(b.startTime));
  return (
    <>
      <PageHeading>Requests</PageHeading>
      <p className="muted">Appointment requests for your open times. Times in {zoneLabel(zone)}.</p>
      {status && <p role={status.failed ? 'alert' : 'status'} className={status.failed ? 'notice' : 'confirmation'} data-testid="request-status">{status.text}</p>}
      {error && <p className="notice" role="alert">{error}</p>}
      {loading && !data && <p className="skeleton">Loading requests…</p>}
      {data && !items.length && <p className="empty">No requests waiting.</p>}
      {items.length > 0 && (
        <table className="data-table" data-testid="appointment-requests">
          <caption className="visually-hidden">Appointment requests waiting</caption>
          <thead><tr><th scope="col">When</th><th scope="col">Client</th><th scope="col">Note</th><th scope="col">Decision</th></tr></thead>
          <tbody>
            {items.map((r) => {
              const who = names[r.clientId] ?? 'a client';
              const pending = busy.current.has(r.appointmentRequestId);
              return (
                <tr key={r.appointmentRequestId}>
                  <td>{formatDateTime(r.startTime, zone)}–{formatTime(r.endTime, zone)}</td>
                  <td>{who}</td>
                  <td>{r.note || <span className="muted">none</span>}</td>
                  <td className="actions">
                    <button type="button" className="button" aria-disabled={pending} onClick={() => void decide(r, 'approved')}
                      aria-label={`Approve ${who}, ${formatDateTime(r.startTime, zone)}`}>Approve</button>
                    <button type="button" className="button button--secondary" aria-disabled={pending} onClick={() => void decide(r, 'rejected')}
                      aria-label={`Reject ${who}, ${formatDateTime(r.startTime, zone)}`}>Reject</button>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </>
  );
}
