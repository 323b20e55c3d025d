import { useState } from 'react';
import { api } from '../../api/client';
import type { Page } from '../../api/types';
import type { Session } from '../../api/workspace';
import { SESSION_STATUS } from '../../api/workspace';
import { Link } from '../../app/router';
import { PageHeading } from '../../components/PageHeading';
import { UpcomingCalls } from '../../components/UpcomingCalls';
import { useCaseloadNames } from '../../lib/caseload';
import { useLoad } from '../../lib/useLoad';
import { browserZone, formatDateTime, formatTime, zoneLabel } from '../../lib/zonedTime';
import { useNotificationListener } from '../../notifications/Notifications';
import { useSession } from '../../session/session';

export default function Sessions() {
  const { me } = useSession();
  const zone = browserZone();
  const names = useCaseloadNames(me?.userId);
  const [view, setView] = useState<'upcoming' | 'past'>('upcoming');
  const { data, error, reload } = useLoad(() => api.get<Page<Session>>('/api/sessions?limit=200'), []);
  useNotificationListener((n) => { if (n.type.startsWith('appointment.') || n.type === 'session.updated') void reload(); });
  const now = Date.now();
  const items = (data?.items ?? [])
    .filter((s) => (view === 'upcoming' ? Date.parse(s.endTime) >= now : Date.parse(s.endTime) < now))
    .sort((a, b) => (view === 'upcoming' ? a.startTime.localeCompare(b.startTime) : b.startTime.localeCompare(a.startTime)));
  return (
    <>
      <PageHeading>Sessions</PageHeading>
      <div className="tabs" role="group" aria-label="Which sessions">
        <button type="button" className="button button--secondary" aria-pressed={view === 'upcoming'} onClick={() => setView('upcoming')}>Upcoming</button>
        <button type="button" className="button button--secondary" aria-pressed={view === 'past'} onClick={() => setView('past')}>Past</button>
      </div>
      <p className="muted">Times in {zoneLabel(zone)}.</p>
      {error && <p className="notice" role="alert">{error}</p>}
      {!data && !error && <p className="skeleton">Loading sessions…</p>}
      {data && !items.length && <p className="empty">{view === 'upcoming' ? 'No upcoming sessions. Approved requests appear here.' : 'No past sessions yet.'}</p>}
      {items.length > 0 && (
        <table className="data-table" data-testid="sessions">
          <caption className="visually-hidden">{view === 'upcoming' ? 'Upcoming sessions' : 'Past sessions'}</caption>
          <thead><tr><th scope="col">When</th><th scope="col">Client</th><th scope="col">Status</th></tr></thead>
          <tbody>
            {items.map((s) => (
              <tr key={s.sessionId}>
                <td><Link to={`/therapist/sessions/${s.sessionId}`}>{formatDateTime(s.startTime, zone)}–{formatTime(s.endTime, zone)}</Link></td>
                <td>{names[s.clientId] ?? 'a client'}</td>
                <td>{SESSION_STATUS[s.status]}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <h2>Video calls</h2>
      <UpcomingCalls />
    </>
  );
}
