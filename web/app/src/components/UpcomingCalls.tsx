import { useEffect, useState } from 'react';
import { api } from '../api/client';
import type { Page } from '../api/types';
import { Link } from '../app/router';

interface SessionItem {
  sessionId: string;
  startTime: string;
  endTime: string;
  status: string;
}

const OPENS_BEFORE_MS = 15 * 60 * 1000;
const CLOSES_AFTER_MS = 30 * 60 * 1000;

/**
 * The caller's scheduled sessions whose call window has not closed, each with "Join call" from 15
 * minutes before its start until 30 minutes after its end (API.md "Calls").
 */
export function UpcomingCalls() {
  const [sessions, setSessions] = useState<SessionItem[] | null>(null);
  const [now, setNow] = useState(Date.now());

  useEffect(() => {
    let cancelled = false;
    const from = new Date(Date.now() - 5 * 60 * 60 * 1000).toISOString();
    const to = new Date(Date.now() + 30 * 24 * 60 * 60 * 1000).toISOString();
    api.get<Page<SessionItem>>(`/api/sessions?status=scheduled&from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`)
      .then((page) => { if (!cancelled) setSessions(page.items); }, () => { if (!cancelled) setSessions([]); });
    const tick = setInterval(() => setNow(Date.now()), 15000);
    return () => { cancelled = true; clearInterval(tick); };
  }, []);

  if (!sessions) return null;
  const open = sessions.filter((s) => Date.parse(s.endTime) + CLOSES_AFTER_MS > now)
    .sort((a, b) => Date.parse(a.startTime) - Date.parse(b.startTime));
  if (open.length === 0) return <p className="empty">No upcoming sessions with a call.</p>;
  return (
    <ul className="upcoming-calls">
      {open.map((s) => {
        const joinable = now >= Date.parse(s.startTime) - OPENS_BEFORE_MS;
        return (
          <li key={s.sessionId}>
            Session on {new Date(s.startTime).toLocaleString()}{' '}
            {joinable
              ? <Link to={`/call/${s.sessionId}`} className="button">Join call</Link>
              : <span className="hint">(you can join the call 15 minutes before it starts)</span>}
          </li>
        );
      })}
    </ul>
  );
}
