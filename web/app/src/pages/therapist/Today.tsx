import { api } from '../../api/client';
import type { Page } from '../../api/types';
import type { AppointmentRequest, Conversation, MappingRequest, Session } from '../../api/workspace';
import { SESSION_STATUS } from '../../api/workspace';
import { Link } from '../../app/router';
import { PageHeading } from '../../components/PageHeading';
import { useCaseloadNames } from '../../lib/caseload';
import { useLoad } from '../../lib/useLoad';
import { addDays, browserZone, formatTime, todayIn, zonedToUtc, zoneLabel } from '../../lib/zonedTime';
import { useNotificationListener } from '../../notifications/Notifications';
import { useSession } from '../../session/session';

export default function Today() {
  const { me } = useSession();
  const zone = browserZone();
  const names = useCaseloadNames(me?.userId);
  const today = todayIn(zone);
  const { data, error, loading, reload } = useLoad(async () => {
    const from = zonedToUtc(today, '00:00', zone).toISOString();
    const to = zonedToUtc(addDays(today, 1), '00:00', zone).toISOString();
    const [sessions, appointments, links, conversations] = await Promise.all([
      api.get<Page<Session>>(`/api/sessions?from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}&limit=200`),
      api.get<Page<AppointmentRequest>>('/api/appointment-requests?status=pending&limit=200'),
      api.get<Page<MappingRequest>>('/api/mapping-requests?status=pending&limit=200'),
      api.get<Page<Conversation>>('/api/conversations?limit=200'),
    ]);
    return {
      sessions: sessions.items.filter((s) => s.status !== 'cancelled').sort((a, b) => a.startTime.localeCompare(b.startTime)),
      appointments: appointments.items.length,
      links: links.items.filter((m) => m.requestedBy !== me?.userId).length,
      unread: conversations.items.reduce((n, c) => n + c.unreadCount, 0),
    };
  }, [today, zone, me?.userId]);
  useNotificationListener(() => { void reload(); });

  return (
    <>
      <PageHeading>Today</PageHeading>
      {error && <p className="notice" role="alert">Could not load today: {error} <button type="button" className="link-button" onClick={() => void reload()}>Try again</button></p>}
      <section aria-labelledby="today-sessions">
        <h2 id="today-sessions">Sessions today <span className="muted">(times in {zoneLabel(zone)})</span></h2>
        {loading && !data && <p className="skeleton">Loading sessions…</p>}
        {data && !data.sessions.length && <p className="empty">No sessions today. <Link to="/therapist/availability">Add availability</Link></p>}
        {data && data.sessions.length > 0 && (
          <ul className="item-list" data-testid="today-sessions">
            {data.sessions.map((s) => (
              <li key={s.sessionId}>
                <Link to={`/therapist/sessions/${s.sessionId}`}>{formatTime(s.startTime, zone)}–{formatTime(s.endTime, zone)} with {names[s.clientId] ?? 'a client'}</Link>
                {' '}<span className="tag">{SESSION_STATUS[s.status]}</span>
              </li>
            ))}
          </ul>
        )}
      </section>
      <section aria-labelledby="today-waiting">
        <h2 id="today-waiting">Waiting for you</h2>
        {data && (
          <ul className="item-list">
            <li data-testid="waiting-appointments"><Link to="/therapist/requests">{data.appointments} appointment request{data.appointments === 1 ? '' : 's'}</Link></li>
            <li data-testid="waiting-links"><Link to="/therapist/clients">{data.links} link request{data.links === 1 ? '' : 's'}</Link></li>
            <li data-testid="unread-messages"><Link to="/therapist/messages">{data.unread} unread message{data.unread === 1 ? '' : 's'}</Link></li>
          </ul>
        )}
      </section>
    </>
  );
}
