#!/usr/bin/env node
// analytics-service through the gateway of the running ./run stack (issue #17):
//   1. a year of one therapist's history with 40 clients, produced onto the topics (analytics/AnalyticsHistory.java),
//      then a wait until the summary shows the last event;
//   2. summary p99 with wrk at 16 connections: the default 12 weeks, then a year by month (30 s wrk timeout);
//   3. the lag from an event to its figure at idle: a linked client posts a message (POST /api/messages) and the
//      therapist's summary is polled every 10 ms until messages.received counts it (outbox → Kafka → consumer).
//
//   node bench/analytics.mjs [--clients 40] [--days 365] [--duration 15s] [--connections 16] [--samples 30]
//
// Needs the stack started with raised rate limits (see README.md) and analytics-service built
// (its quarkus-app/lib holds the events module and the Kafka client that the generator runs with).
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { parseArgs } from './lib/dataset.mjs';
import { ensureDir, repoRoot, resultsDir } from './lib/paths.mjs';
import { TokenMinter } from './lib/tokens.mjs';
import { ensureWrk, runWrk, writeRequests } from './lib/wrk.mjs';

const API_URL = process.env.BENCH_API_URL ?? 'http://127.0.0.1:8080';
const KAFKA = process.env.BENCH_KAFKA ?? '127.0.0.1:9092';
const options = parseArgs(process.argv.slice(2));
const minter = new TokenMinter();

async function summary(therapistId, query = '') {
    const response = await fetch(`${API_URL}/api/analytics/therapists/${therapistId}/summary${query}`, {
        headers: { Authorization: `Bearer ${minter.tokenFor(therapistId, 'therapist')}` },
    });
    if (response.status !== 200) {
        throw new Error(`summary: ${response.status} ${await response.text()}`);
    }
    return response.json();
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

console.error('producing the history ...');
const generated = JSON.parse(execFileSync('java', [
    '-cp', join(repoRoot, 'analytics-service/target/quarkus-app/lib/main/*'),
    join(repoRoot, 'bench/analytics/AnalyticsHistory.java'),
    '--bootstrap', KAFKA, '--clients', String(options.clients ?? 40), '--days', String(options.days ?? 365),
    '--seed', String(options.seed ?? 42),
], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] }));
const therapistId = generated.therapistId;
console.error(`${generated.events} events for therapist ${therapistId}; waiting until the summary has the last one`);
const started = Date.now();
for (;;) {
    const s = await summary(therapistId);
    if (s.asOf && Date.parse(s.asOf) >= Date.parse(generated.lastEventAt)) {
        break;
    }
    await sleep(1000);
}
const catchUpSeconds = (Date.now() - started) / 1000;

ensureWrk();
const yearAgo = new Date(Date.now() - 365 * 86_400_000).toISOString().slice(0, 10);
const headers = { Authorization: `Bearer ${minter.mint(therapistId, 'therapist').token}` };
// one run per range: a year's summary is slower, and alternating them would hide the 12 weeks' figure
const wrkOptions = { threads: 2, connections: Number(options.connections ?? 16), duration: options.duration ?? '15s',
    timeout: '30s' };
const load = {};
for (const [name, query] of [['12 weeks', ''], ['year by month', `?bucket=month&from=${yearAgo}`]]) {
    const requestFile = writeRequests(`analytics-summary-${name.replace(/ /g, '-')}`,
        [{ method: 'GET', path: `/api/analytics/therapists/${therapistId}/summary${query}`, headers }]);
    await runWrk({ url: API_URL, requestFile, ...wrkOptions, duration: '5s' }); // warm-up, unmeasured
    load[name] = await runWrk({ url: API_URL, requestFile, ...wrkOptions });
    const r = load[name];
    console.log(`summary, ${name}: ${r.throughput} req/s, p50 ${r.p50Ms} ms, p99 ${r.p99Ms} ms (${r.requests} requests, `
        + `${r.nonSuccess} not 2xx, ${r.socketErrors} socket errors)`);
    // requests wrk gave up on may still be queued in the store: wait until a summary answers again
    for (let waited = 0; ; waited += 1000) {
        try {
            await summary(therapistId);
            break;
        } catch (busy) {
            if (waited > 120_000) {
                throw busy;
            }
            await sleep(1000);
        }
    }
}

const client = generated.clientIds[0];
// the current week only: a poll costs little, so the lag measured is the pipeline's, not the poll's
const thisWeek = `?from=${new Date().toISOString().slice(0, 10)}`;
const lags = [];
for (let i = 0; i < Number(options.samples ?? 30); i++) {
    const before = (await summary(therapistId, thisWeek)).totals.messages.received;
    const sentAt = Date.now();
    const post = await fetch(`${API_URL}/api/messages`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${minter.tokenFor(client, 'client')}`, 'Content-Type': 'application/json' },
        body: JSON.stringify({ recipientId: therapistId, content: `lag sample ${i}` }),
    });
    if (post.status !== 201) {
        throw new Error(`POST /api/messages: ${post.status} ${await post.text()}`);
    }
    while ((await summary(therapistId, thisWeek)).totals.messages.received <= before) {
        if (Date.now() - sentAt > 30_000) {
            throw new Error('the message did not reach the figures within 30 s');
        }
        await sleep(10);
    }
    lags.push(Date.now() - sentAt);
    await sleep(200);
}
lags.sort((a, b) => a - b);
const pick = (q) => lags[Math.min(lags.length - 1, Math.ceil(q * lags.length) - 1)];
const lag = { samples: lags.length, p50Ms: pick(0.5), p90Ms: pick(0.9), maxMs: lags[lags.length - 1] };
console.log(`event → figure: p50 ${lag.p50Ms} ms, p90 ${lag.p90Ms} ms, max ${lag.maxMs} ms (${lag.samples} samples)`);

const file = join(ensureDir(join(resultsDir, 'analytics')), 'analytics.json');
writeFileSync(file, JSON.stringify({ generated: { ...generated, clientIds: undefined }, catchUpSeconds, summary: load, lag },
    null, 2) + '\n');
console.error(`→ ${file}`);
