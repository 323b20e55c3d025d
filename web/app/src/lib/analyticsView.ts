import type { Bucketing, Figures } from '../api/analytics';
import { addDays, localParts, todayIn } from './zonedTime';

/**
 * What the therapist dashboard and the admin's practice page show the same way: the period asked for, bucket
 * labels, number formats, the figure columns of the CSV and the download itself.
 */

/** The period on screen: inclusive local days, the bucketing and the zone the figures are counted in. */
export interface Period { from: string; to: string; bucket: Bucketing; zone: string }

/** The API takes `to` as exclusive. */
export function periodParams(p: Period): URLSearchParams {
  return new URLSearchParams({ from: p.from, to: addDays(p.to, 1), bucket: p.bucket, timezone: p.zone });
}

/** The last 12 weeks and the next 4 (Monday weeks): what happened and what is booked. */
export function defaultPeriod(zone: string): Period {
  const today = todayIn(zone);
  const dow = (new Date(`${today}T00:00:00Z`).getUTCDay() + 6) % 7;
  const monday = addDays(today, -dow);
  return { from: addDays(monday, -11 * 7), to: addDays(monday, 4 * 7 + 6), bucket: 'week', zone };
}

export const MAX_DAYS = 731;

export const dayMs = (d: string) => Date.parse(`${d}T00:00:00Z`);

export function bucketLabel(startIso: string, bucket: Bucketing, zone: string): string {
  const date = localParts(startIso, zone).date;
  const opts: Intl.DateTimeFormatOptions = bucket === 'week'
    ? { day: 'numeric', month: 'short', timeZone: 'UTC' } : { month: 'short', year: 'numeric', timeZone: 'UTC' };
  return new Intl.DateTimeFormat('en-GB', opts).format(new Date(`${date}T12:00:00Z`));
}

export const pct = (v: number | null) => (v === null ? '—' : `${Math.round(v * 100)}%`);
export const num = (v: number | null, digits = 1) => (v === null ? '—' : Number.isInteger(v) ? String(v) : v.toFixed(digits));

export function formatDay(date: string): string {
  return new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' }).format(new Date(`${date}T12:00:00Z`));
}

/** Nothing counted in the period: no session, slot, request, linked client or message. */
export function nothingCounted(t: Figures): boolean {
  const n = t.sessions;
  return n.scheduled + n.completed + n.noShow + n.cancelledByClient + n.cancelledByTherapist === 0 && t.offeredHours === 0
    && t.requests.received === 0 && t.caseload.active === 0 && t.messages.received + t.messages.sent === 0;
}

/** The CSV's header for figure rows; the first column names the bucket. */
export function figureCsvHeader(bucket: Bucketing, cancelledBy = 'Cancelled by therapist'): string[] {
  return [bucket === 'week' ? 'Week starting' : 'Month', 'Sessions completed', 'Sessions scheduled', 'No-shows',
    'Cancelled by clients', cancelledBy, 'Late cancellations', 'Attendance rate', 'Hours offered',
    'Hours booked', 'Utilisation', 'Requests received', 'Requests approved', 'Requests declined',
    'Requests withdrawn', 'Median hours to decide', 'Clients active', 'Links started', 'Links ended',
    'Messages received', 'Messages sent', 'Median minutes to first reply'];
}

export function figureCsvRow(label: string, f: Figures): (string | number | null)[] {
  return [label, f.sessions.completed, f.sessions.scheduled, f.sessions.noShow, f.sessions.cancelledByClient,
    f.sessions.cancelledByTherapist, f.sessions.lateCancelled, f.attendanceRate, f.offeredHours, f.bookedHours,
    f.utilisation, f.requests.received, f.requests.approved, f.requests.rejected, f.requests.cancelled,
    f.requests.medianHoursToDecision, f.caseload.active, f.caseload.started, f.caseload.ended,
    f.messages.received, f.messages.sent, f.messages.medianMinutesToFirstReply];
}

/** A bucket's first column: the local date a week starts on, or the month's label. */
export function bucketCsvLabel(startIso: string, bucket: Bucketing, zone: string, label: string): string {
  return bucket === 'week' ? localParts(startIso, zone).date : label;
}

/** Saves text made on this device as a file (a BOM so spreadsheets read UTF-8). */
export function downloadCsv(fileName: string, csv: string): void {
  const url = URL.createObjectURL(new Blob(['\uFEFF', csv], { type: 'text/csv;charset=utf-8' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  document.body.appendChild(a);
  a.click();
  a.remove();
  window.setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
