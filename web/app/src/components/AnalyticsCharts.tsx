import { useId } from 'react';
import { line, stack } from 'd3-shape';

/**
 * The dashboard's charts. d3-shape computes the geometry (stack offsets, line paths) and React renders plain
 * SVG with attributes only: no style attribute, no injected <style>, so they work under `style-src 'self'`.
 * Colours come from classes in styles/analytics.css. Every chart is followed by a table with the same numbers,
 * which is what screen readers get (the SVG is aria-hidden). Import this only from lazily loaded pages.
 */

export interface Series {
  key: string;
  label: string;
  values: (number | null)[];
}

const W = 640;
const H = 240;
const TOP = 12;
const BOTTOM = 30;
const LEFT = 40;
const RIGHT = 8;
const PLOT_H = H - TOP - BOTTOM;

/** A round axis maximum (1, 2, 5 × 10ⁿ) at or above the data's maximum, and its ticks. */
function axis(max: number): number[] {
  if (!(max > 0)) return [0, 1];
  const exp = Math.pow(10, Math.floor(Math.log10(max)));
  const top = [1, 2, 5, 10].map((m) => m * exp).find((v) => v >= max)!;
  const step = top / (top / exp >= 5 ? 5 : top / exp <= 1 ? 2 : top / exp);
  const ticks: number[] = [];
  for (let v = 0; v <= top + step / 2; v += step) ticks.push(Number(v.toFixed(6)));
  return ticks;
}

const fmt = (v: number | null, digits: number) => (v === null ? '—' : Number.isInteger(v) ? String(v) : v.toFixed(digits));

function Frame({ ticks, labels, step, children }: { ticks: number[]; labels: string[]; step: number; children: React.ReactNode }) {
  const top = ticks[ticks.length - 1];
  const every = Math.ceil(labels.length / 8);
  return (
    <>
      {ticks.map((v) => {
        const y = TOP + PLOT_H - (v / top) * PLOT_H;
        return (
          <g key={v}>
            <line x1={LEFT} x2={W - RIGHT} y1={y} y2={y} className="achart__grid" />
            <text x={LEFT - 6} y={y + 4} textAnchor="end" className="achart__axis">{v}</text>
          </g>
        );
      })}
      {labels.map((l, i) => (i % every === 0 ? (
        <text key={l + i} x={LEFT + i * step + step / 2} y={H - 10} textAnchor="middle" className="achart__axis">{l}</text>
      ) : null))}
      {children}
    </>
  );
}

function Legend({ series }: { series: Series[] }) {
  return (
    <ul className="achart__legend" aria-hidden="true">
      {series.map((s, i) => (
        <li key={s.key}><svg width="14" height="14" viewBox="0 0 14 14" focusable="false"><rect width="14" height="14" className={`achart__s${i}`} /></svg>{s.label}</li>
      ))}
    </ul>
  );
}

function DataTable({ caption, rowHeader, labels, series, digits, testId }: {
  caption: string; rowHeader: string; labels: string[]; series: Series[]; digits: number; testId: string;
}) {
  return (
    // Focusable and named: at 360 px the table scrolls sideways, and keyboard users must be able to scroll it.
    <div className="table-scroll" tabIndex={0} role="region" aria-label={`${caption}, table`}>
      <table className="data-table" data-testid={testId}>
        <caption>{caption}</caption>
        <thead>
          <tr><th scope="col">{rowHeader}</th>{series.map((s) => <th key={s.key} scope="col">{s.label}</th>)}</tr>
        </thead>
        <tbody>
          {labels.map((l, i) => (
            <tr key={l + i}>
              <th scope="row">{l}</th>
              {series.map((s) => <td key={s.key}>{fmt(s.values[i], digits)}</td>)}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** Counts per bucket stacked on each other (e.g. sessions by status). */
export function StackedBarChart({ title, description, labels, rowHeader, series, testId }: {
  title: string; description: string; labels: string[]; rowHeader: string; series: Series[]; testId: string;
}) {
  const id = useId();
  const rows = labels.map((_, i) => Object.fromEntries(series.map((s) => [s.key, s.values[i] ?? 0])));
  const layers = stack<Record<string, number>>().keys(series.map((s) => s.key))(rows);
  const max = Math.max(0, ...layers.flatMap((layer) => layer.map((p) => p[1])));
  const ticks = axis(max);
  const top = ticks[ticks.length - 1];
  const step = (W - LEFT - RIGHT) / Math.max(1, labels.length);
  const barW = Math.max(4, Math.min(44, step * 0.65));
  const y = (v: number) => TOP + PLOT_H - (v / top) * PLOT_H;
  return (
    <figure className="achart" data-testid={testId} aria-labelledby={`${id}-t`}>
      <h3 id={`${id}-t`} className="achart__title">{title}</h3>
      <Legend series={series} />
      <svg viewBox={`0 0 ${W} ${H}`} className="achart__svg" aria-hidden="true" focusable="false">
        <Frame ticks={ticks} labels={labels} step={step}>
          {layers.map((layer, li) => (
            <g key={layer.key} className={`achart__s${li}`}>
              {layer.map((p, i) => (p[1] > p[0] ? (
                <rect key={i} x={LEFT + i * step + (step - barW) / 2} y={y(p[1])} width={barW} height={y(p[0]) - y(p[1])} />
              ) : null))}
            </g>
          ))}
        </Frame>
      </svg>
      <figcaption>{description}</figcaption>
      <DataTable caption={title} rowHeader={rowHeader} labels={labels} series={series} digits={0} testId={`${testId}-table`} />
    </figure>
  );
}

/** Values per bucket as lines; a null (no denominator) leaves a gap rather than a false zero. */
export function LineChart({ title, description, labels, rowHeader, series, digits = 1, testId }: {
  title: string; description: string; labels: string[]; rowHeader: string; series: Series[]; digits?: number; testId: string;
}) {
  const id = useId();
  const max = Math.max(0, ...series.flatMap((s) => s.values.filter((v): v is number => v !== null)));
  const ticks = axis(max);
  const top = ticks[ticks.length - 1];
  const step = (W - LEFT - RIGHT) / Math.max(1, labels.length);
  const x = (i: number) => LEFT + i * step + step / 2;
  const y = (v: number) => TOP + PLOT_H - (v / top) * PLOT_H;
  const path = line<number | null>().defined((v) => v !== null).x((_, i) => x(i)).y((v) => y(v ?? 0));
  return (
    <figure className="achart" data-testid={testId} aria-labelledby={`${id}-t`}>
      <h3 id={`${id}-t`} className="achart__title">{title}</h3>
      <Legend series={series} />
      <svg viewBox={`0 0 ${W} ${H}`} className="achart__svg" aria-hidden="true" focusable="false">
        <Frame ticks={ticks} labels={labels} step={step}>
          {series.map((s, si) => (
            <g key={s.key} className={`achart__s${si} achart__line`}>
              <path d={path(s.values) ?? ''} fill="none" />
              {s.values.map((v, i) => (v === null ? null : <circle key={i} cx={x(i)} cy={y(v)} r={3} />))}
            </g>
          ))}
        </Frame>
      </svg>
      <figcaption>{description}</figcaption>
      <DataTable caption={title} rowHeader={rowHeader} labels={labels} series={series} digits={digits} testId={`${testId}-table`} />
    </figure>
  );
}

/**
 * A small trend line in a table cell. It is an image with a text alternative (first, last, lowest and highest
 * value), so the cell reads the same to a screen reader as it looks.
 */
export function Sparkline({ values, describe, testId }: { values: (number | null)[]; describe: string; testId?: string }) {
  const w = 96, h = 24, pad = 3;
  const known = values.filter((v): v is number => v !== null);
  const step = values.length > 1 ? (w - 2 * pad) / (values.length - 1) : 0;
  const y = (v: number) => h - pad - ((v - 1) / 9) * (h - 2 * pad); // intensity is 1–10
  const path = line<number | null>().defined((v) => v !== null).x((_, i) => pad + i * step).y((v) => y(v ?? 1));
  const last = values.reduce<number>((acc, v, i) => (v === null ? acc : i), -1);
  return (
    <svg width={w} height={h} viewBox={`0 0 ${w} ${h}`} role="img" aria-label={describe} className="sparkline" data-testid={testId}>
      {known.length > 0 && <path d={path(values) ?? ''} fill="none" className="sparkline__line" />}
      {last >= 0 && <circle cx={pad + last * step} cy={y(values[last]!)} r={2.5} className="sparkline__dot" />}
    </svg>
  );
}
