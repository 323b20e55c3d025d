#!/usr/bin/env node
// The client dashboard (/client) loaded N times in headless Debian chromium against a running stack: Navigation
// Timing and the app's own "first data rendered" mark (performance.mark('tms:data') in pages/client/Home.tsx).
// Drives /usr/bin/chromedriver over its W3C HTTP API with fetch (no npm packages, nothing downloaded).
//
//   node bench/dashboard.mjs [--runs 20] [--url http://127.0.0.1:8080] [--keys .data/keys] [--out bench/results/dashboard.json]
//
// It signs up a client and a therapist through the API, links them, books a session and sends messages and journal
// entries (so the dashboard has something to show), signs the client in through the sign-in page once, then loads
// /client: one unmeasured warm-up, then --runs loads with the HTTP cache kept (a returning visitor: hashed assets
// come from the cache, the session from the refresh cookie) and --runs loads with the cache cleared first (the
// first visit of the day). Each load refreshes the access token (auth rate limit: start the stack with
// RATE_LIMIT_AUTH_PER_MINUTE raised, see bench/README.md).
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

import { TokenMinter } from './lib/tokens.mjs';

const args = Object.fromEntries(process.argv.slice(2).reduce((pairs, a, i, all) => {
  if (a.startsWith('--')) pairs.push([a.slice(2), all[i + 1]]);
  return pairs;
}, []));
const RUNS = Number(args.runs ?? 20);
const BASE = (args.url ?? process.env.BENCH_API_URL ?? 'http://127.0.0.1:8080').replace(/\/$/, '');
const OUT = args.out ?? 'bench/results/dashboard.json';
const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';
const CHROMEDRIVER = process.env.CHROMEDRIVER ?? '/usr/bin/chromedriver';
// Verifying the therapist needs an admin: an account from ADMIN_EMAIL/ADMIN_PASSWORD if given, else a token minted
// with the local stack's key like the other benchmarks (bench/README.md; --keys for a stack started with --data-dir).
const KEYS = args.keys ?? join(dirname(new URL(import.meta.url).pathname), '..', '.data', 'keys');
const DRIVER_PORT = 9515 + Math.floor(Math.random() * 400);

async function api(method, path, body, token, expected) {
  const res = await fetch(BASE + path, {
    method,
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  if (expected && res.status !== expected) throw new Error(`${method} ${path}: ${res.status} ${text.slice(0, 300)}`);
  return text ? JSON.parse(text) : {};
}

async function person(role, name) {
  const id = randomUUID().slice(0, 8);
  const email = `bench-${role}-${id}@example.com`;
  const password = `pw-${id}-correct-horse`;
  await api('POST', '/api/signup', { email, password, role, name }, null, 201);
  const login = await api('POST', '/api/login', { email, password }, null, 200);
  return { email, password, token: login.accessToken, id: login.userId };
}

async function seed() {
  const t = await person('therapist', 'Dr. Bench Therapist');
  await api('POST', '/api/therapists', { name: 'Dr. Bench Therapist', expertise: ['anxiety'], location: 'Berlin', acceptingClients: true }, t.token, 201);
  const admin = process.env.ADMIN_EMAIL
    ? (await api('POST', '/api/login', { email: process.env.ADMIN_EMAIL, password: process.env.ADMIN_PASSWORD }, null, 200)).accessToken
    : new TokenMinter(join(KEYS, 'jwt-private.pem')).mint(randomUUID(), 'admin').token;
  await api('POST', `/api/therapists/${t.id}/verification`, { verified: true }, admin, 204);
  const c = await person('client', 'Bench Client');
  await api('POST', '/api/clients', { name: 'Bench Client', timezone: 'Europe/Berlin' }, c.token, 201);
  const link = await api('POST', '/api/mapping-requests', { clientId: c.id }, t.token, 201);
  await api('PUT', `/api/mapping-requests/${link.mappingRequestId}`, { status: 'approved' }, c.token, 200);
  const start = new Date(Math.ceil(Date.now() / 3_600_000) * 3_600_000 + 24 * 3_600_000);
  const slots = await api('POST', `/api/session-slots/${t.id}`, {
    slots: [{ startTime: start.toISOString(), endTime: new Date(start.getTime() + 3_000_000).toISOString() }],
  }, t.token, 201);
  const request = await api('POST', '/api/appointment-requests', { slotId: slots.items[0].slotId }, c.token, 201);
  await api('PUT', `/api/appointment-requests/${request.appointmentRequestId}`, { status: 'approved' }, t.token, 200);
  for (let i = 0; i < 5; i++) {
    await api('POST', '/api/messages', { recipientId: c.id, content: `Message ${i} from the therapist` }, t.token, 201);
  }
  return c;
}

// --- chromedriver's W3C API ---
async function wd(method, path, body) {
  const res = await fetch(`http://127.0.0.1:${DRIVER_PORT}${path}`, {
    method, headers: { 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body),
  });
  const json = await res.json();
  if (!res.ok) throw new Error(`webdriver ${method} ${path}: ${JSON.stringify(json.value).slice(0, 300)}`);
  return json.value;
}

async function waitFor(what, fn, timeoutMs = 20_000) {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await fn().catch(() => undefined);
    if (value) return value;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

const pct = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
function summary(samples, key) {
  const v = samples.map((s) => s[key]).sort((a, b) => a - b);
  return { p50: Math.round(pct(v, 50)), p95: Math.round(pct(v, 95)), min: Math.round(v[0]), max: Math.round(v[v.length - 1]) };
}

async function main() {
  const health = await fetch(`${BASE}/health`).catch(() => null);
  if (!health?.ok) throw new Error(`no healthy stack at ${BASE} (start it with ./run; see bench/README.md)`);
  const client = await seed();

  const driver = spawn(CHROMEDRIVER, [`--port=${DRIVER_PORT}`], { stdio: 'ignore' });
  const profile = mkdtempSync(join(tmpdir(), 'bench-dashboard-'));
  let session;
  try {
    await waitFor('chromedriver', async () => (await wd('GET', '/status')).ready);
    session = (await wd('POST', '/session', {
      capabilities: { alwaysMatch: { 'goog:chromeOptions': {
        binary: CHROMIUM,
        args: ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--no-first-run',
          '--disable-background-networking', '--disable-component-update', '--disable-sync', '--window-size=1280,800',
          `--user-data-dir=${profile}`],
      } } },
    })).sessionId;
    const s = `/session/${session}`;
    const exec = (script, a = []) => wd('POST', `${s}/execute/sync`, { script, args: a });
    const cdp = (cmd, params = {}) => wd('POST', `${s}/goog/cdp/execute`, { cmd, params });
    const find = async (css) => Object.values(await wd('POST', `${s}/element`, { using: 'css selector', value: css }))[0];

    await wd('POST', `${s}/url`, { url: `${BASE}/sign-in` });
    const email = await waitFor('the sign-in form', () => find('input[type=email], input[name=email]'));
    await wd('POST', `${s}/element/${email}/value`, { text: client.email });
    await wd('POST', `${s}/element/${await find('input[type=password]')}/value`, { text: client.password });
    await wd('POST', `${s}/element/${await find('button[type=submit]')}/click`, {});
    await waitFor('home after sign-in', async () => (await exec('return location.pathname')) === '/client');

    const load = async () => {
      await wd('POST', `${s}/url`, { url: `${BASE}/client` });
      const mark = await waitFor('tms:data', () => exec("const m = performance.getEntriesByName('tms:data')[0]; return m ? m.startTime : null"));
      const nav = await exec(`const n = performance.getEntriesByType('navigation')[0].toJSON();
        const fcp = performance.getEntriesByName('first-contentful-paint')[0];
        return { ttfb: n.responseStart, domContentLoaded: n.domContentLoadedEventEnd, load: n.loadEventEnd,
                 transferred: n.transferSize, fcp: fcp ? fcp.startTime : null,
                 resources: performance.getEntriesByType('resource').reduce((t, r) => t + r.transferSize, 0) };`);
      if (await exec('return location.pathname') !== '/client') throw new Error('the dashboard load ended on ' + await exec('return location.pathname'));
      return { ...nav, data: mark };
    };

    await load(); // warm-up: the services' JIT and the browser's cache
    const results = {};
    for (const mode of ['warm', 'cold']) {
      const samples = [];
      for (let i = 0; i < RUNS; i++) {
        if (mode === 'cold') await cdp('Network.clearBrowserCache');
        samples.push(await load());
        process.stdout.write(`\r${mode} cache: ${i + 1}/${RUNS}`);
      }
      process.stdout.write('\n');
      results[mode] = {
        ttfb: summary(samples, 'ttfb'), fcp: summary(samples, 'fcp'), domContentLoaded: summary(samples, 'domContentLoaded'),
        load: summary(samples, 'load'), data: summary(samples, 'data'),
        bytesTransferred: Math.round(samples.reduce((t, x) => t + x.transferred + x.resources, 0) / samples.length),
        samples,
      };
    }

    console.log(`\n/client, ${RUNS} loads each, ms since navigation start (p50 / p95 / min / max):`);
    for (const [mode, r] of Object.entries(results)) {
      console.log(`  ${mode} cache  (≈${Math.round(r.bytesTransferred / 1024)} KB transferred per load)`);
      for (const k of ['ttfb', 'fcp', 'domContentLoaded', 'load', 'data']) {
        const x = r[k];
        console.log(`    ${k.padEnd(17)} ${String(x.p50).padStart(5)} / ${String(x.p95).padStart(5)} / ${String(x.min).padStart(5)} / ${String(x.max).padStart(5)}`);
      }
    }
    mkdirSync(dirname(OUT), { recursive: true });
    writeFileSync(OUT, JSON.stringify({ url: `${BASE}/client`, runs: RUNS, at: new Date().toISOString(), results }, null, 2));
    console.log(`\nwritten to ${OUT}`);
  } finally {
    if (session) await wd('DELETE', `/session/${session}`).catch(() => undefined);
    driver.kill();
    rmSync(profile, { recursive: true, force: true });
  }
}

main().catch((e) => {
  console.error(`dashboard: ${e.message}`);
  process.exit(1);
});
