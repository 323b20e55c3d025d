import { useMemo, useState } from 'react';
import { api } from '../../api/client';
import type { Practice as PracticeView, TherapistUtilisation } from '../../api/analytics';
import { csvLines } from '../../api/analytics';
import { ApiError } from '../../api/problem';
import { Link } from '../../app/router';
import { LineChart, StackedBarChart } from '../../components/AnalyticsCharts';
import { FigureCards } from '../../components/FigureCards';
import { LoadState } from '../../components/LoadState';
import { NotAllowed } from '../../components/NotAllowed';
import { PageHeading } from '../../components/PageHeading';
import { PeriodForm, usePeriod } from '../../components/PeriodForm';
import {
  bucketCsvLabel, bucketLabel, downloadCsv, figureCsvHeader, figureCsvRow, formatDay, nothingCounted, num, pct, periodParams,
} from '../../lib/analyticsView';
import { useLoad } from '../../lib/useLoad';
import { browserZone, formatDateTime, zoneLabel } from '../../lib/zonedTime';
import '../../styles/analytics.css';

type Loaded = { allowed: true; practice: PracticeView } | { allowed: false };

type SortKey = 'name' | 'offeredHours' | 'bookedHours' | 'utilisation';
interface Sort { key: SortKey; descending: boolean }

/** `unit` is hidden on phones (the caption says the numbers are hours) so the four columns fit 360 px. */
const COLUMNS: { key: SortKey; label: string; unit?: string }[] = [
  { key: 'name', label: 'Therapist' },
  { key: 'offeredHours', label: 'Offered', unit: 'hours' },
  { key: 'bookedHours', label: 'Booked', unit: 'hours' },
  { key: 'utilisation', label: 'Utilisation' },
];

const nameOf = (t: TherapistUtilisation) => t.name ?? 'Therapist without a name';

/** Names A→Z; numbers by value; a missing utilisation (nothing offered) last in either direction. */
function sorted(rows: TherapistUtilisation[], sort: Sort): TherapistUtilisation[] {
  const sign = sort.descending ? -1 : 1;
  const byName = (a: TherapistUtilisation, b: TherapistUtilisation) =>
    nameOf(a).localeCompare(nameOf(b), 'en', { sensitivity: 'base' }) || a.therapistId.localeCompare(b.therapistId);
  return [...rows].sort((a, b) => {
    if (sort.key === 'name') return sign * byName(a, b);
    const x = a[sort.key];
    const y = b[sort.key];
    if (x === null || y === null) return x === y ? byName(a, b) : x === null ? 1 : -1;
    return sign * (x - y) || byName(a, b);
  });
}

function sortWords(sort: Sort): string {
  const column = COLUMNS.find((c) => c.key === sort.key)!;
  const label = `${column.label}${column.unit ? ` ${column.unit}` : ''}`.toLowerCase();
  if (sort.key === 'name') return `by name, ${sort.descending ? 'Z to A' : 'A to Z'}`;
  return `by ${label}, ${sort.descending ? 'highest' : 'lowest'} first`;
}

export default function Practice() {
  const periodState = usePeriod();
  const period = periodState.period;
  const load = useLoad<Loaded>(async () => {
    try {
      return { allowed: true, practice: await api.get<PracticeView>(`/api/analytics/practice?${periodParams(period)}`) };
    } catch (e) {
      // A designed state, not an error with "Try again": retrying cannot help.
      if (e instanceof ApiError && e.status === 403) return { allowed: false };
      throw e;
    }
  }, [period]);
  const [sort, setSort] = useState<Sort>({ key: 'utilisation', descending: true });

  const p = load.data?.allowed ? load.data.practice : undefined;
  const zone = p?.timezone ?? period.zone;
  const labels = p ? p.buckets.map((b) => bucketLabel(b.start, p.bucket, zone)) : [];
  const rows = useMemo(() => (p ? sorted(p.therapists, sort) : []), [p, sort]);

  if (load.data && !load.data.allowed) return <NotAllowed roles={['admin']} />;

  const noTherapists = !!p && p.therapists.length === 0;
  const quiet = !!p && nothingCounted(p.totals);
  const rowHeader = p?.bucket === 'month' ? 'Month' : 'Week of';

  const saveCsv = () => {
    if (!p) return;
    const lines: (string | number | null)[][] = [
      [`Practice figures per ${p.bucket}, ${period.from} to ${period.to}, times in ${zone}`],
      figureCsvHeader(p.bucket, 'Cancelled by therapists'),
      ...p.buckets.map((b, i) => figureCsvRow(bucketCsvLabel(b.start, p.bucket, zone, labels[i]), b)),
      figureCsvRow('Total', p.totals),
      [],
      [`Therapists, sorted ${sortWords(sort)}`],
      ['Therapist', 'Hours offered', 'Hours booked', 'Utilisation'],
      ...rows.map((t) => [nameOf(t), t.offeredHours, t.bookedHours, t.utilisation]),
    ];
    downloadCsv(`practice-${period.from}-to-${period.to}.csv`, csvLines(lines) + '\r\n');
  };

  return (
    <>
      <PageHeading>Practice analytics</PageHeading>
      <p className="muted">The whole practice in figures: every therapist's sessions, requests, links and messages counted together. Counts only, never a client's name or anything they wrote.</p>

      <PeriodForm state={periodState} busy={load.loading && !!p} />

      <p className="dash-asof" data-testid="practice-zone">
        Days, weeks (from Monday) and months are counted in {zoneLabel(zone)} ({zone}{zone === browserZone() ? ', this device’s time zone' : ''}).
      </p>
      <p className="dash-asof" role="status" data-testid="dash-asof">
        {p && (p.asOf ? `Figures include everything up to ${formatDateTime(p.asOf, zone)} (${zoneLabel(zone)}).` : 'No activity recorded yet.')}
      </p>

      <LoadState loading={load.loading} error={load.error} hasData={!!p} onRetry={() => void load.reload()} label="the practice's figures">
        {p && noTherapists && (
          <div className="panel dash-empty" data-testid="practice-empty">
            <h2>No therapists yet</h2>
            <p>Figures appear here once therapists sign up and work in the app. <Link to="/admin">Therapists to verify</Link> lists new sign-ups.</p>
          </div>
        )}
        {p && !noTherapists && (
          <>
            <section aria-labelledby="practice-totals">
              <h2 id="practice-totals">From {formatDay(period.from)} to {formatDay(period.to)}</h2>
              {quiet ? (
                <div className="panel dash-empty" data-testid="practice-quiet">
                  <h2>Nothing happened in this period</h2>
                  <p>No slots, sessions, requests, links or messages between these days. Choose another period above.</p>
                </div>
              ) : (
                <FigureCards totals={p.totals} who="therapists" />
              )}
            </section>
            {!quiet && (
              <section aria-labelledby="practice-trends">
                <h2 id="practice-trends">By {p.bucket}</h2>
                <StackedBarChart testId="chart-sessions" title="Sessions by status" rowHeader={rowHeader} labels={labels}
                  description={`Sessions of all therapists by their start, per ${p.bucket} in ${zoneLabel(zone)}; the table has the same numbers.`}
                  series={[
                    { key: 'completed', label: 'Completed', values: p.buckets.map((b) => b.sessions.completed) },
                    { key: 'scheduled', label: 'Scheduled', values: p.buckets.map((b) => b.sessions.scheduled) },
                    { key: 'noShow', label: 'No-show', values: p.buckets.map((b) => b.sessions.noShow) },
                    { key: 'cancelled', label: 'Cancelled', values: p.buckets.map((b) => b.sessions.cancelledByClient + b.sessions.cancelledByTherapist) },
                  ]} />
                <LineChart testId="chart-utilisation" title="Utilisation (%)" rowHeader={rowHeader} labels={labels} digits={0}
                  description="Hours booked as a share of hours offered in published slots, all therapists together. A gap means no hours were offered."
                  series={[
                    { key: 'utilisation', label: 'Utilisation (%)', values: p.buckets.map((b) => (b.utilisation === null ? null : Math.round(b.utilisation * 100))) },
                  ]} />
                <LineChart testId="chart-hours" title="Hours offered and booked" rowHeader={rowHeader} labels={labels}
                  description="Offered: hours of published slots. Booked: hours of sessions not cancelled."
                  series={[
                    { key: 'offered', label: 'Offered hours', values: p.buckets.map((b) => b.offeredHours) },
                    { key: 'booked', label: 'Booked hours', values: p.buckets.map((b) => b.bookedHours) },
                  ]} />
              </section>
            )}
            <section aria-labelledby="practice-therapists">
              <h2 id="practice-therapists">Therapists</h2>
              <TherapistTable rows={rows} sort={sort} onSort={setSort} />
            </section>
            <p>
              <button type="button" className="button button--secondary" onClick={saveCsv} data-testid="practice-csv">Download these figures (CSV)</button>
              <span className="muted"> The file is made on this device from what the page shows, in the table's order.</span>
            </p>
          </>
        )}
      </LoadState>
    </>
  );
}

function TherapistTable({ rows, sort, onSort }: { rows: TherapistUtilisation[]; sort: Sort; onSort: (s: Sort) => void }) {
  const press = (key: SortKey) => onSort(sort.key === key
    ? { key, descending: !sort.descending }
    : { key, descending: key !== 'name' });
  return (
    <div className="table-scroll" tabIndex={0} role="region" aria-label="Therapists' utilisation, table">
      <table className="data-table practice-therapists" data-testid="practice-therapists">
        <caption>Hours offered and booked per therapist in the period, sorted {sortWords(sort)}</caption>
        <thead>
          <tr>
            {COLUMNS.map((c) => {
              const active = sort.key === c.key;
              return (
                <th key={c.key} scope="col" aria-sort={active ? (sort.descending ? 'descending' : 'ascending') : undefined}>
                  <button type="button" className="sort-button" onClick={() => press(c.key)} data-testid={`sort-${c.key}`}>
                    <span>{c.label}{c.unit && <span className="sort-button__unit"> {c.unit}</span>}</span>
                    <svg aria-hidden="true" focusable="false" viewBox="0 0 10 12" width="10" height="12" className={active ? 'sort-icon sort-icon--active' : 'sort-icon'}>
                      {(!active || !sort.descending) && <path d="M5 0 10 5H0z" />}
                      {(!active || sort.descending) && <path d="M5 12 0 7h10z" />}
                    </svg>
                  </button>
                </th>
              );
            })}
          </tr>
        </thead>
        <tbody>
          {rows.map((t) => (
            <tr key={t.therapistId} data-testid="practice-therapist-row">
              <th scope="row">{nameOf(t)}</th>
              <td>{num(t.offeredHours)}</td>
              <td>{num(t.bookedHours)}</td>
              <td>{pct(t.utilisation)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
