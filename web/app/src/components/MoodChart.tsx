import { useId } from 'react';
import type { InsightBucket } from '../api/portal';

/**
 * Average intensity per bucket as bars, drawn as plain SVG (no chart library, nothing inline for the CSP);
 * the same numbers follow as a table, which is what screen readers use.
 */
export function MoodChart({ buckets, bucket, zone }: { buckets: InsightBucket[]; bucket: 'week' | 'day'; zone: string }) {
  const id = useId();
  if (buckets.length === 0 || buckets.every((b) => b.entryCount === 0)) {
    return <p className="empty" data-testid="mood-empty">No entries in this period yet. Your chart appears once you write.</p>;
  }
  const label = (iso: string) => new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', timeZone: 'UTC' }).format(new Date(iso));
  const W = 640, H = 220, top = 10, bottom = 30, left = 28;
  const plotH = H - top - bottom;
  const step = (W - left) / buckets.length;
  const barW = Math.max(4, Math.min(40, step * 0.6));
  const topFeeling = (f: Record<string, number>) => Object.entries(f).sort((a, b) => b[1] - a[1])[0]?.[0] ?? '—';
  return (
    <figure className="mood-chart" data-testid="mood-chart">
      <svg viewBox={`0 0 ${W} ${H}`} className="mood-chart__svg" aria-hidden="true" focusable="false">
        {[0, 5, 10].map((v) => {
          const y = top + plotH - (v / 10) * plotH;
          return (
            <g key={v}>
              <line x1={left} x2={W} y1={y} y2={y} className="mood-chart__grid" />
              <text x={left - 6} y={y + 4} textAnchor="end" className="mood-chart__axis">{v}</text>
            </g>
          );
        })}
        {buckets.map((b, i) => {
          const avg = b.entryCount ? b.averageIntensity ?? 0 : 0;
          const h = (avg / 10) * plotH;
          const x = left + i * step + (step - barW) / 2;
          return (
            <g key={b.start}>
              {b.entryCount > 0 && <rect x={x} y={top + plotH - h} width={barW} height={h} className="mood-chart__bar" />}
              {(buckets.length <= 14 || i % 2 === 0) && (
                <text x={x + barW / 2} y={H - 10} textAnchor="middle" className="mood-chart__axis">{label(b.start)}</text>
              )}
            </g>
          );
        })}
      </svg>
      <figcaption id={`${id}-cap`}>Average intensity (1–10) per {bucket}; the table below has the same numbers. Dates are {bucket === 'week' ? 'week starts' : 'days'} in UTC{zone === 'UTC' ? '' : ` (your zone is ${zone})`}.</figcaption>
      <div className="table-scroll">
        <table className="data-table" data-testid="mood-table">
          <caption>Mood by {bucket}</caption>
          <thead>
            <tr><th scope="col">{bucket === 'week' ? 'Week of' : 'Day'}</th><th scope="col">Entries</th><th scope="col">Average intensity</th><th scope="col">Most frequent feeling</th></tr>
          </thead>
          <tbody>
            {buckets.filter((b) => b.entryCount > 0).map((b) => (
              <tr key={b.start}>
                <th scope="row">{label(b.start)}</th>
                <td>{b.entryCount}</td>
                <td>{(b.averageIntensity ?? 0).toFixed(1)}</td>
                <td>{topFeeling(b.feelings)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </figure>
  );
}
