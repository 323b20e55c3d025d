import { useCallback, useEffect, useRef, useState } from 'react';
import { api } from '../../api/client';
import type { ClientRow, Summary } from '../../api/analytics';
import { csvLines } from '../../api/analytics';
import { ApiError } from '../../api/problem';
import type { Page } from '../../api/types';
import type { InsightBucket, TherapistProfile } from '../../api/workspace';
import { Link } from '../../app/router';
import { LineChart, Sparkline, StackedBarChart } from '../../components/AnalyticsCharts';
import { FigureCards } from '../../components/FigureCards';
import { LoadState } from '../../components/LoadState';
import { PageHeading } from '../../components/PageHeading';
import { PeriodForm, usePeriod } from '../../components/PeriodForm';
import { bucketCsvLabel, bucketLabel, downloadCsv as saveCsv, figureCsvHeader, figureCsvRow, formatDay, nothingCounted, periodParams } from '../../lib/analyticsView';
import { useLoad } from '../../lib/useLoad';
import { formatDateTime, localParts, zoneLabel } from '../../lib/zonedTime';
import { useNotificationListener } from '../../notifications/Notifications';
import { useSession } from '../../session/session';
import '../../styles/analytics.css';

/** Notifications after which a figure may have changed (ids only; the page refetches, it never reads them). */
const RELEVANT = /^(message\.|mapping\.|appointment\.|session\.|journal-access\.)/;
/**
 * analytics-service applies an event a moment after messaging-service raises the notification for it, and
 * one push can stand for several events (a request, then its approval): refetch after the burst settles and
 * twice more, instead of trusting the first answer.
 */
const FOLLOW_UPS_MS = [800, 2500, 6000];

interface Mood { values: (number | null)[]; describe: string }
type MoodState = Mood | 'unavailable';

async function allRows(therapistId: string): Promise<ClientRow[]> {
  const rows: ClientRow[] = [];
  let cursor: string | null = null;
  do {
    const page: Page<ClientRow> = await api.get<Page<ClientRow>>(
      `/api/analytics/therapists/${therapistId}/clients?limit=200${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
    rows.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return rows;
}

function grantText(row: ClientRow, zone: string): string {
  const g = row.journalGrant;
  if (g.status === 'active') return g.expiresAt ? `Shared until ${formatDateTime(g.expiresAt, zone)}` : 'Shared';
  if (g.status === 'pending') return 'Requested, waiting for the client';
  return 'Not shared';
}

/**
 * The figures are counted in the zone the therapist's profile names (Settings), else in this device's zone; the
 * period form may choose another. A therapist without a directory entry yet has no zone.
 */
export default function Dashboard() {
  const { me } = useSession();
  const profile = useLoad(() => api.get<TherapistProfile>(`/api/therapists/${me!.userId}`)
    .catch((e) => { if (e instanceof ApiError && e.status === 404) return null; throw e; }), [me!.userId]);
  if (profile.data === undefined) {
    return (
      <>
        <PageHeading>Dashboard</PageHeading>
        <LoadState loading={profile.loading} error={profile.error} hasData={false} onRetry={() => void profile.reload()} label="your profile">
          {null}
        </LoadState>
      </>
    );
  }
  return <DashboardIn practiceZone={profile.data?.timezone ?? undefined} />;
}

function DashboardIn({ practiceZone }: { practiceZone?: string }) {
  const { me } = useSession();
  const therapistId = me!.userId;
  const periodState = usePeriod(practiceZone);
  const query = periodState.period;

  const summary = useLoad(
    () => api.get<Summary>(`/api/analytics/therapists/${therapistId}/summary?${periodParams(query)}`), [therapistId, query]);
  const clients = useLoad(() => allRows(therapistId), [therapistId]);

  // Mood trends: one insights call per client with an active grant and per range (each call is in the client's
  // access log, so live refreshes reuse what was fetched); no grant, no call.
  const [moods, setMoods] = useState<Record<string, MoodState>>({});
  const fetched = useRef(new Set<string>());
  useEffect(() => {
    const s = summary.data;
    if (!s || !clients.data) return;
    const now = Date.now();
    const to = Math.min(Date.parse(s.to), now);
    const from = Math.max(Date.parse(s.from), to - 365 * 86_400_000);
    if (from >= to) return;
    for (const row of clients.data) {
      if (row.journalGrant.status !== 'active') continue;
      const key = `${row.clientId}|${s.from}|${s.to}`;
      if (fetched.current.has(key)) continue;
      fetched.current.add(key);
      const q = new URLSearchParams({ from: new Date(from).toISOString(), to: new Date(to).toISOString(), bucket: 'week' });
      api.get<{ buckets: InsightBucket[] }>(`/api/journals/${row.clientId}/insights?${q}`).then((r) => {
        const values = r.buckets.map((b) => (b.entryCount ? b.averageIntensity : null));
        const known = values.filter((v): v is number => v !== null);
        const describe = known.length
          ? `Mood by week, average intensity 1 to 10: first ${known[0].toFixed(1)}, latest ${known[known.length - 1].toFixed(1)}, lowest ${Math.min(...known).toFixed(1)}, highest ${Math.max(...known).toFixed(1)}`
          : 'No shared journal entries in this period';
        setMoods((m) => ({ ...m, [row.clientId]: { values, describe } }));
      }, () => {
        fetched.current.delete(key);
        setMoods((m) => ({ ...m, [row.clientId]: 'unavailable' }));
      });
    }
  }, [summary.data, clients.data]);

  // Live: debounce a burst of pushes, then refetch on a short schedule (see FOLLOW_UPS_MS).
  const timers = useRef<number[]>([]);
  const reloadSummary = summary.reload;
  const reloadClients = clients.reload;
  const refetchSoon = useCallback(() => {
    timers.current.forEach((t) => window.clearTimeout(t));
    timers.current = FOLLOW_UPS_MS.map((ms) => window.setTimeout(() => { void reloadSummary(); void reloadClients(); }, ms));
  }, [reloadSummary, reloadClients]);
  useEffect(() => () => timers.current.forEach((t) => window.clearTimeout(t)), []);
  useNotificationListener((n) => { if (RELEVANT.test(n.type)) refetchSoon(); });

  const s = summary.data;
  const zone = s?.timezone ?? query.zone;
  const labels = s ? s.buckets.map((b) => bucketLabel(b.start, s.bucket, zone)) : [];
  const rows = clients.data ?? [];
  // Only once both have answered: nothing counted in the period and no linked client.
  const empty = !!s && clients.data?.length === 0 && nothingCounted(s.totals);

  const downloadCsv = () => {
    if (!s) return;
    saveCsv(`dashboard-${query.from}-to-${query.to}.csv`, buildCsv(s, labels, rows, moods, zone));
  };

  return (
    <>
      <PageHeading>Dashboard</PageHeading>
      <p className="muted">Your practice in figures, built from what happens in the app. Journal, note and message contents are never part of it.</p>

      <PeriodForm state={periodState} busy={summary.loading && !!s} practiceZone={practiceZone} />

      <p className="dash-asof" role="status" data-testid="dash-asof">
        {s && (s.asOf ? `Figures include everything up to ${formatDateTime(s.asOf, zone)} (${zoneLabel(zone)}). They update by themselves.`
          : 'No activity recorded yet.')}
      </p>

      <LoadState loading={summary.loading} error={summary.error} hasData={!!s} onRetry={() => void summary.reload()} label="your figures">
        {empty && (
          <div className="panel dash-empty" data-testid="dash-empty">
            <h2>Nothing to count yet</h2>
            <p>Your figures appear here once you work in the app: <Link to="/therapist/availability">publish times you are available</Link>, <Link to="/therapist/clients">link with clients</Link> and hold sessions.</p>
          </div>
        )}
        {s && !empty && (
          <>
            <section aria-labelledby="dash-totals">
              <h2 id="dash-totals">From {formatDay(query.from)} to {formatDay(query.to)}</h2>
              <FigureCards totals={s.totals} />
            </section>
            <section aria-labelledby="dash-trends">
              <h2 id="dash-trends">By {s.bucket}</h2>
              <StackedBarChart testId="chart-sessions" title="Sessions by status" rowHeader={s.bucket === 'week' ? 'Week of' : 'Month'} labels={labels}
                description={`Sessions by their start, per ${s.bucket} in ${zoneLabel(zone)}; the table has the same numbers.`}
                series={[
                  { key: 'completed', label: 'Completed', values: s.buckets.map((b) => b.sessions.completed) },
                  { key: 'scheduled', label: 'Scheduled', values: s.buckets.map((b) => b.sessions.scheduled) },
                  { key: 'noShow', label: 'No-show', values: s.buckets.map((b) => b.sessions.noShow) },
                  { key: 'cancelled', label: 'Cancelled', values: s.buckets.map((b) => b.sessions.cancelledByClient + b.sessions.cancelledByTherapist) },
                ]} />
              <LineChart testId="chart-hours" title="Hours offered and booked" rowHeader={s.bucket === 'week' ? 'Week of' : 'Month'} labels={labels}
                description="Offered: hours of published slots. Booked: hours of sessions not cancelled. A gap means nothing to show."
                series={[
                  { key: 'offered', label: 'Offered hours', values: s.buckets.map((b) => b.offeredHours) },
                  { key: 'booked', label: 'Booked hours', values: s.buckets.map((b) => b.bookedHours) },
                ]} />
              <LineChart testId="chart-messages" title="Messages" rowHeader={s.bucket === 'week' ? 'Week of' : 'Month'} labels={labels} digits={0}
                description="Messages you received from clients and sent to them."
                series={[
                  { key: 'received', label: 'Received', values: s.buckets.map((b) => b.messages.received) },
                  { key: 'sent', label: 'Sent', values: s.buckets.map((b) => b.messages.sent) },
                ]} />
            </section>
          </>
        )}
      </LoadState>

      <section aria-labelledby="dash-clients">
        <h2 id="dash-clients">Clients</h2>
        <LoadState loading={clients.loading} error={clients.error} hasData={!!clients.data} onRetry={() => void clients.reload()} label="your clients">
          {rows.length === 0 ? (
            <p className="empty" data-testid="dash-no-clients">No linked clients yet. <Link to="/therapist/clients">Link with a client</Link>.</p>
          ) : (
            <ClientTable rows={rows} moods={moods} zone={zone} />
          )}
        </LoadState>
      </section>

      {s && (
        <p>
          <button type="button" className="button button--secondary" onClick={downloadCsv} data-testid="dash-csv">Download these figures (CSV)</button>
          <span className="muted"> The file is made on this device from what the page shows.</span>
        </p>
      )}
    </>
  );
}

function ClientTable({ rows, moods, zone }: { rows: ClientRow[]; moods: Record<string, MoodState>; zone: string }) {
  const when = (iso: string | null) => (iso ? formatDateTime(iso, zone) : '—');
  return (
    <div className="table-scroll" tabIndex={0} role="region" aria-label="Linked clients, table">
      <table className="data-table dash-clients" data-testid="dash-client-table">
        <caption>Linked clients, times in {zoneLabel(zone)}</caption>
        <thead>
          <tr>
            <th scope="col">Client</th><th scope="col">Next session</th><th scope="col">Last session</th>
            <th scope="col">Attended</th><th scope="col">No-shows</th><th scope="col">Late cancellations</th>
            <th scope="col">Unread messages</th><th scope="col">Journal sharing</th><th scope="col">Mood trend</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => {
            const mood = moods[r.clientId];
            return (
              <tr key={r.clientId} data-testid="dash-client-row">
                <th scope="row"><Link to={`/therapist/clients/${r.clientId}`}>{r.name ?? 'Client without a name'}</Link></th>
                <td>{when(r.nextSessionAt)}</td>
                <td>{when(r.lastSessionAt)}</td>
                <td>{r.attended}</td>
                <td>{r.noShows}</td>
                <td>{r.lateCancellations}</td>
                <td data-testid="dash-unread">{r.unreadFromClient}</td>
                <td data-testid="dash-grant">{grantText(r, zone)}</td>
                <td data-testid="dash-mood">
                  {r.journalGrant.status !== 'active' ? <span className="muted">Not shared</span>
                    : mood === undefined ? <span className="muted">Loading…</span>
                      : mood === 'unavailable' ? <span className="muted">Not available</span>
                        : <Sparkline values={mood.values} describe={mood.describe} testId="dash-sparkline" />}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

function buildCsv(s: Summary, labels: string[], rows: ClientRow[], moods: Record<string, MoodState>, zone: string): string {
  const local = (iso: string | null) => {
    if (!iso) return '';
    const p = localParts(iso, zone);
    return `${p.date} ${p.time}`;
  };
  const lines: (string | number | null)[][] = [
    [`Figures per ${s.bucket}, times in ${zone}`],
    figureCsvHeader(s.bucket),
    ...s.buckets.map((b, i) => figureCsvRow(bucketCsvLabel(b.start, s.bucket, zone, labels[i]), b)),
    figureCsvRow('Total', s.totals),
    [],
    ['Client', 'Next session', 'Last session', 'Attended', 'No-shows', 'Late cancellations', 'Unread messages',
      'Journal sharing', 'Sharing until', 'Mood by week (average intensity 1-10)'],
    ...rows.map((r) => {
      const mood = moods[r.clientId];
      const trend = r.journalGrant.status === 'active' && mood && mood !== 'unavailable'
        ? mood.values.map((v) => (v === null ? '' : v.toFixed(1))).join(' ') : '';
      return [r.name ?? 'Client without a name', local(r.nextSessionAt), local(r.lastSessionAt), r.attended, r.noShows,
        r.lateCancellations, r.unreadFromClient, r.journalGrant.status, local(r.journalGrant.expiresAt), trend];
    }),
  ];
  return csvLines(lines) + '\r\n';
}
