/** analytics-service's therapist figures (API.md "Analytics"; analytics-service/README.md for the exact fields). */

export type Bucketing = 'week' | 'month';

export interface Figures {
  sessions: { scheduled: number; completed: number; cancelledByClient: number; cancelledByTherapist: number; lateCancelled: number; noShow: number };
  attendanceRate: number | null;
  offeredHours: number;
  bookedHours: number;
  utilisation: number | null;
  requests: { received: number; approved: number; rejected: number; cancelled: number; medianHoursToDecision: number | null };
  caseload: { active: number; started: number; ended: number };
  messages: { received: number; sent: number; medianMinutesToFirstReply: number | null };
}

/** A bucket's `start` is the UTC instant of its first moment in the summary's zone (Monday 00:00 or the 1st). */
export interface SummaryBucket extends Figures { start: string }

export interface Summary {
  therapistId: string;
  timezone: string;
  /** Time of the newest event applied for this therapist; null before any. */
  asOf: string | null;
  bucket: Bucketing;
  from: string;
  to: string;
  buckets: SummaryBucket[];
  totals: Figures;
}

export type GrantStatus = 'none' | 'pending' | 'active';

export interface ClientRow {
  clientId: string;
  name: string | null;
  linkedAt: string;
  lastSessionAt: string | null;
  nextSessionAt: string | null;
  attended: number;
  noShows: number;
  lateCancellations: number;
  unreadFromClient: number;
  journalGrant: { status: GrantStatus; expiresAt: string | null };
}

/** A CSV field: quoted when it holds a separator, a quote or a line break; a leading =+-@ is defused for spreadsheets. */
export function csvField(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return '';
  let s = String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function csvLines(rows: (string | number | null | undefined)[][]): string {
  return rows.map((r) => r.map(csvField).join(',')).join('\r\n');
}

/** One therapist's hours over the whole period of a practice view (GET /api/analytics/practice). */
export interface TherapistUtilisation {
  therapistId: string;
  name: string | null;
  offeredHours: number;
  bookedHours: number;
  /** Booked of offered hours; null when nothing was offered. */
  utilisation: number | null;
}

/** The admin's practice view: the summary's figures over every therapist, and each one's utilisation; no client rows. */
export interface Practice {
  timezone: string;
  asOf: string | null;
  bucket: Bucketing;
  from: string;
  to: string;
  buckets: SummaryBucket[];
  totals: Figures;
  therapists: TherapistUtilisation[];
}
