// Unit checks of src/lib/zonedTime.ts (the DST-safe conversion behind weekly availability), run with
// `npm test`. Loads the TypeScript through Vite's SSR loader, so no test framework is needed.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createServer } from 'vite';

const server = await createServer({ configFile: false, logLevel: 'silent', server: { middlewareMode: true, hmr: false }, appType: 'custom' });
const z = await server.ssrLoadModule('/src/lib/zonedTime.ts');

test('09:00 Berlin is 08:00Z in winter and 07:00Z in summer, across the last Sunday of March', () => {
  const slots = z.weeklyOccurrences('2027-03-22', '09:00', 50, 3, 'Europe/Berlin');
  assert.deepEqual(slots.map((s) => z.apiInstant(s.start)), ['2027-03-22T08:00:00Z', '2027-03-29T07:00:00Z', '2027-04-05T07:00:00Z']);
  for (const s of slots) assert.equal(z.localParts(s.start.getTime(), 'Europe/Berlin').time, '09:00');
  assert.equal(z.apiInstant(slots[0].end), '2027-03-22T08:50:00Z');
});

test('and back in October', () => {
  const slots = z.weeklyOccurrences('2026-10-19', '09:00', 60, 3, 'Europe/Berlin');
  assert.deepEqual(slots.map((s) => z.apiInstant(s.start)), ['2026-10-19T07:00:00Z', '2026-10-26T08:00:00Z', '2026-11-02T08:00:00Z']);
});

test('New York changes on another date', () => {
  assert.equal(z.apiInstant(z.zonedToUtc('2027-03-13', '09:00', 'America/New_York')), '2027-03-13T14:00:00Z');
  assert.equal(z.apiInstant(z.zonedToUtc('2027-03-15', '09:00', 'America/New_York')), '2027-03-15T13:00:00Z');
});

test('a time inside the spring-forward gap moves an hour on; an ambiguous autumn time takes the first', () => {
  assert.equal(z.apiInstant(z.zonedToUtc('2027-03-28', '02:30', 'Europe/Berlin')), '2027-03-28T01:30:00Z');
  assert.equal(z.apiInstant(z.zonedToUtc('2026-10-25', '02:30', 'Europe/Berlin')), '2026-10-25T00:30:00Z');
});

test('calendar arithmetic and zones without DST', () => {
  assert.equal(z.addDays('2026-12-29', 7), '2027-01-05');
  assert.equal(z.apiInstant(z.zonedToUtc('2026-12-05', '09:00', 'Asia/Kolkata')), '2026-12-05T03:30:00Z');
  assert.equal(z.apiInstant(z.zonedToUtc('2026-12-05', '09:00', 'UTC')), '2026-12-05T09:00:00Z');
  assert.equal(z.zoneLabel('America/New_York'), 'New York time');
});

test.after(() => server.close());
