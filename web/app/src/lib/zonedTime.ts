/**
 * Wall-clock time in a named IANA zone ↔ UTC instants, with nothing but Intl (no time-zone library in the
 * bundle). Recurring availability is generated as local dates and times and each one is converted with the
 * zone's offset AT THAT DATE, so 09:00 stays 09:00 local across a daylight-saving change.
 */

export function browserZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}

const partsFormatters = new Map<string, Intl.DateTimeFormat>();

function partsIn(zone: string, ms: number): { y: number; mo: number; d: number; h: number; mi: number; s: number } {
  let f = partsFormatters.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-GB', {
      timeZone: zone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit',
      hour: '2-digit', minute: '2-digit', second: '2-digit',
    });
    partsFormatters.set(zone, f);
  }
  const p: Record<string, number> = {};
  for (const part of f.formatToParts(new Date(ms))) {
    if (part.type !== 'literal') p[part.type] = Number(part.value);
  }
  return { y: p.year, mo: p.month, d: p.day, h: p.hour % 24, mi: p.minute, s: p.second };
}

/** The zone's offset from UTC in milliseconds at the instant `ms`. */
export function offsetAt(zone: string, ms: number): number {
  const p = partsIn(zone, ms);
  return Date.UTC(p.y, p.mo - 1, p.d, p.h, p.mi, p.s) - Math.floor(ms / 1000) * 1000;
}

/**
 * The UTC instant of local `date` (YYYY-MM-DD) `time` (HH:MM) in `zone`. A time skipped by a spring-forward
 * gap lands one hour later (as most calendars do); an ambiguous autumn time takes the first (summer) one.
 */
export function zonedToUtc(date: string, time: string, zone: string): Date {
  const [y, mo, d] = date.split('-').map(Number);
  const [h, mi] = time.split(':').map(Number);
  const wall = Date.UTC(y, mo - 1, d, h, mi);
  // A zone changes its offset at most once around any given day: the offsets a day before and a day after
  // are the only candidates. A candidate is right if the zone has that offset at the instant it gives.
  const before = offsetAt(zone, wall - 86_400_000);
  const after = offsetAt(zone, wall + 86_400_000);
  const valid = [...new Set([before, after])].map((o) => wall - o).filter((t) => offsetAt(zone, t) === wall - t);
  if (valid.length) return new Date(Math.min(...valid));
  return new Date(wall - before); // in the gap: the old offset, i.e. the same distance past the change
}

/** Local YYYY-MM-DD plus `days` (calendar arithmetic, no zone involved). */
export function addDays(date: string, days: number): string {
  const [y, mo, d] = date.split('-').map(Number);
  return new Date(Date.UTC(y, mo - 1, d + days)).toISOString().slice(0, 10);
}

/** Today's date (YYYY-MM-DD) in `zone`. */
export function todayIn(zone: string, now = Date.now()): string {
  const p = partsIn(zone, now);
  return `${p.y}-${String(p.mo).padStart(2, '0')}-${String(p.d).padStart(2, '0')}`;
}

/** The local date (YYYY-MM-DD) and time (HH:MM) of an instant in `zone`. */
export function localParts(iso: string | number, zone: string): { date: string; time: string } {
  const p = partsIn(zone, typeof iso === 'number' ? iso : Date.parse(iso));
  const pad = (n: number) => String(n).padStart(2, '0');
  return { date: `${p.y}-${pad(p.mo)}-${pad(p.d)}`, time: `${pad(p.h)}:${pad(p.mi)}` };
}

/** "Berlin time" for Europe/Berlin: the zone named the way people say it. */
export function zoneLabel(zone: string): string {
  if (zone === 'UTC' || zone === 'Etc/UTC') return 'UTC';
  return `${zone.split('/').pop()!.replace(/_/g, ' ')} time`;
}

/** "Tue 4 Mar, 15:00" in `zone`. */
export function formatDateTime(iso: string, zone: string): string {
  return new Intl.DateTimeFormat('en-GB', {
    timeZone: zone, weekday: 'short', day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit', hourCycle: 'h23',
  }).format(new Date(iso));
}

export function formatTime(iso: string, zone: string): string {
  return new Intl.DateTimeFormat('en-GB', { timeZone: zone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(new Date(iso));
}

export function formatDate(date: string): string {
  const [y, mo, d] = date.split('-').map(Number);
  return new Intl.DateTimeFormat('en-GB', { timeZone: 'UTC', weekday: 'short', day: 'numeric', month: 'short' })
    .format(new Date(Date.UTC(y, mo - 1, d)));
}

/** The API's instant text: whole seconds, `Z` (what scheduling-service echoes in its clash messages). */
export function apiInstant(d: Date): string {
  return d.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** Weekly occurrences of one local time: `weeks` dates from `firstDate`, each converted in `zone` at its own date. */
export function weeklyOccurrences(firstDate: string, time: string, minutes: number, weeks: number, zone: string):
  { date: string; start: Date; end: Date }[] {
  const out = [];
  for (let w = 0; w < weeks; w++) {
    const date = addDays(firstDate, 7 * w);
    const start = zonedToUtc(date, time, zone);
    out.push({ date, start, end: new Date(start.getTime() + minutes * 60_000) });
  }
  return out;
}

export const COMMON_ZONES = [
  'Europe/Berlin', 'Europe/London', 'Europe/Paris', 'Europe/Madrid', 'Europe/Amsterdam', 'Europe/Vienna', 'Europe/Zurich',
  'America/New_York', 'America/Chicago', 'America/Denver', 'America/Los_Angeles', 'America/Sao_Paulo',
  'Asia/Tokyo', 'Asia/Kolkata', 'Australia/Sydney', 'UTC',
];
