import { useEffect } from 'react';
import { api } from '../../api/client';
import type { Page } from '../../api/types';
import type { Conversation, Session } from '../../api/portal';
import { Link } from '../../app/router';
import { LoadState } from '../../components/LoadState';
import { PageHeading } from '../../components/PageHeading';
import { loadProfile, therapistName, zoneOf } from '../../lib/clientProfile';
import { formatDateTime } from '../../lib/time';
import { useLoad } from '../../lib/useLoad';
import { useNotificationListener } from '../../notifications/Notifications';
import { useSession } from '../../session/session';

interface HomeData {
  hasProfile: boolean;
  zone: string;
  next: (Session & { therapist: string }) | null;
  unread: number;
}

async function loadHome(clientId: string): Promise<HomeData> {
  const now = new Date().toISOString();
  const [profile, sessions, conversations] = await Promise.all([
    loadProfile(clientId),
    api.get<Page<Session>>(`/api/sessions?from=${encodeURIComponent(now)}&status=scheduled&limit=50`),
    api.get<Page<Conversation>>('/api/conversations?limit=200'),
  ]);
  const upcoming = sessions.items.filter((s) => s.startTime > now).sort((a, b) => a.startTime.localeCompare(b.startTime));
  const next = upcoming[0] ? { ...upcoming[0], therapist: await therapistName(upcoming[0].therapistId) } : null;
  return {
    hasProfile: profile !== null,
    zone: zoneOf(profile),
    next,
    unread: conversations.items.reduce((n, c) => n + c.unreadCount, 0),
  };
}

export default function Home() {
  const { me } = useSession();
  const home = useLoad(() => loadHome(me!.userId), [me!.userId]);
  useNotificationListener((n) => {
    if (n.type === 'message.received' || n.type.startsWith('appointment.') || n.type === 'session.updated') void home.reload();
  });
  const d = home.data;
  // bench/dashboard.mjs measures "first data rendered" from this mark (once per page load).
  useEffect(() => {
    if (d && performance.getEntriesByName('tms:data').length === 0) performance.mark('tms:data');
  }, [d]);
  return (
    <>
      <PageHeading>Home</PageHeading>
      <LoadState loading={home.loading} error={home.error} hasData={!!d} onRetry={home.reload} label="your overview">
        {d && (
          <div className="cards">
            {!d.hasProfile && (
              <section className="card card--notice" aria-labelledby="home-profile">
                <h2 id="home-profile">Set up your profile</h2>
                <p>Add your name and time zone so you can link with a therapist and book sessions.</p>
                <p><Link to="/client/settings">Go to settings</Link></p>
              </section>
            )}
            <section className="card" aria-labelledby="home-next">
              <h2 id="home-next">Next session</h2>
              {d.next ? (
                <p data-testid="next-session">
                  <strong>{formatDateTime(d.next.startTime, d.zone)}</strong> with {d.next.therapist}.{' '}
                  <Link to="/client/sessions">All sessions</Link>
                </p>
              ) : (
                <p className="empty" data-testid="next-session">No session booked — your therapist's open times are under <Link to="/client/book">Book</Link>.</p>
              )}
            </section>
            <section className="card" aria-labelledby="home-messages">
              <h2 id="home-messages">Messages</h2>
              <p data-testid="unread-messages">
                {d.unread === 0 ? 'No unread messages.' : `${d.unread} unread ${d.unread === 1 ? 'message' : 'messages'}.`}{' '}
                <Link to="/client/messages">Open messages</Link>
              </p>
            </section>
            <section className="card" aria-labelledby="home-journal">
              <h2 id="home-journal">Journal</h2>
              <p>How are you feeling today? A few words are enough.</p>
              <p><Link to="/client/journal">Write in your journal</Link></p>
            </section>
          </div>
        )}
      </LoadState>
    </>
  );
}
