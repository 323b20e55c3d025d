import { INSTRUMENTS, severityLabel, type Instrument, type Measure } from '../api/measures';
import { formatDateTime } from '../lib/time';

/** Questionnaire results as a table, newest first (shared by the client's page and the therapist's client page). */
export function MeasureHistory({ measures, zone, caption, testId }: { measures: Measure[]; zone: string; caption: string; testId: string }) {
  return (
    <div className="table-scroll" tabIndex={0} role="region" aria-label={caption}>
      <table className="data-table" data-testid={testId}>
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr><th scope="col">Completed</th><th scope="col">Questionnaire</th><th scope="col">Score</th><th scope="col">Severity</th></tr>
        </thead>
        <tbody>
          {measures.map((m) => (
            <tr key={m.measureId}>
              <td>{formatDateTime(m.completedAt, zone)}</td>
              <td>{m.instrument}</td>
              <td>{m.score} of {INSTRUMENTS[m.instrument].maxScore}</td>
              <td>{severityLabel(m.severity)}{m.safetyFollowUp ? <span className="tag measure-flag"> follow-up</span> : null}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** Scores over time as a small SVG line (oldest left); the table below holds the same numbers. */
export function MeasureTrend({ instrument, measures }: { instrument: Instrument; measures: Measure[] }) {
  if (measures.length < 2) return null;
  const max = INSTRUMENTS[instrument].maxScore;
  const points = [...measures].reverse().map((m, i, all) => ({
    x: 10 + (i * 280) / (all.length - 1),
    y: 70 - (m.score / max) * 60,
  }));
  return (
    <figure className="measure-trend">
      <svg className="measure-sparkline" viewBox="0 0 300 80" width="300" height="80" aria-hidden="true" focusable="false">
        <line className="measure-sparkline__axis" x1="10" y1="70" x2="290" y2="70" />
        <polyline className="measure-sparkline__line" points={points.map((p) => `${p.x},${p.y}`).join(' ')} />
        {points.map((p, i) => <circle key={i} className="measure-sparkline__dot" cx={p.x} cy={p.y} r="3" />)}
      </svg>
      <figcaption>{instrument} scores over time (0–{max}), oldest to newest: {[...measures].reverse().map((m) => m.score).join(', ')}</figcaption>
    </figure>
  );
}
