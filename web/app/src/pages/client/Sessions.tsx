import { api } from '../../api/client';
import type { Session } from '../../api/portal';
import { Link } from '../../app/router';
import { Confirm } from '../../components/Confirm';
import { LoadState } from '../../components/LoadState';
import { PageHeading } from '../../components/PageHeading';
import { UpcomingCalls } from '../../components/UpcomingCalls';
import { listAll, loadProfile, therapistNames, zoneOf } from '../../lib/clientProfile';
import { formatDateTime, formatTime } from '../../lib/time';
import { useLoad } from '../../lib/useLoad';
import { useNotificationListener } from '../../notifications/Notifications';
import { useSession } from '../../session/session';

const STATUS = { scheduled: 'Scheduled', completed: 'Completed', cancelled: 'Cancelled', no_show: 'Missed' } as const;

async function loadSessions(clientId: string) {
  const [profile, sessions] = await Promise.all([loadProfile(clientId), listAll<Session>('/api/sessions')]);
  return { zone: zoneOf(profile), sessions, names: await therapistNames(sessions.map((s) => s.therapistId)) };
}

export default function Sessions() {
  const { me } = useSession();
  const data = useLoad(() => loadSessions(me!.userId), [me!.userId]);
  useNotificationListener((n) => { if (n.type === 'session.updated' || n.type.startsWith('appointment.')) void data.reload(); });
  const d = data.data;
  const now = new Date().toISOString();
  const upcoming = d?.sessions.filter((s) => s.startTime > now).sort((a, b) => a.startTime.localeCompare(b.startTime)) ?? [];
  const past = d?.sessions.filter((s) => s.startTime <= now).sort((a, b) => b.startTime.localeCompare(a.startTime)) ?? [];
  return (
    <>
      <PageHeading>Sessions</PageHeading>
      <LoadState loading={data.loading} error={data.error} hasData={!!d} onRetry={data.reload} label="your sessions">
        {d && (
          <>
            <section aria-labelledby="upcoming-title">
              <h2 id="upcoming-title">Upcoming</h2>
              {upcoming.length === 0 ? <p className="empty">No sessions yet — your therapist's open times are under <Link to="/client/book">Book</Link>.</p> : (
                <ul className="item-list" data-testid="upcoming-sessions">
                  {upcoming.map((s) => {
                    const when = formatDateTime(s.startTime, d.zone);
                    const name = d.names[s.therapistId];
                    return (
                      <li key={s.sessionId}>
                        <p><strong>{when}</strong>–{formatTime(s.endTime, d.zone)} with {name} · {STATUS[s.status]}</p>
                        {s.sharedNotes && <SharedNotes notes={s.sharedNotes} />}
                        {s.status === 'scheduled' && (
                          <Confirm
                            trigger={`Cancel session on ${when}`}
                            question={<>Cancel your session with <strong>{name}</strong> on {when}? The time becomes free for others to book; {name} is told.</>}
                            confirmLabel="Yes, cancel the session"
                            onConfirm={async () => {
                              await api.put(`/api/sessions/${s.sessionId}`, { status: 'cancelled' });
                              await data.reload();
                            }}
                          />
                        )}
                      </li>
                    );
                  })}
                </ul>
              )}
            </section>
            <section aria-labelledby="past-title">
              <h2 id="past-title">Past</h2>
              {past.length === 0 ? <p className="empty">No past sessions.</p> : (
                <ul className="item-list" data-testid="past-sessions">
                  {past.map((s) => (
                    <li key={s.sessionId}>
                      <p><strong>{formatDateTime(s.startTime, d.zone)}</strong> with {d.names[s.therapistId]} · {STATUS[s.status]}</p>
                      {s.sharedNotes ? <SharedNotes notes={s.sharedNotes} /> : <p className="empty">No shared notes.</p>}
                    </li>
                  ))}
                </ul>
              )}
            </section>
          </>
        )}
      </LoadState>
      <h2>Video calls</h2>
      <UpcomingCalls />
    </>
  );
}

function SharedNotes({ notes }: { notes: string }) {
  return (
    <div className="shared-notes">
      <p className="privacy-tag">Shared notes — written by your therapist for you</p>
      <p className="prewrap">{notes}</p>
    </div>
  );
}
