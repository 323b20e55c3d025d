#!/usr/bin/env node
// The benchmarks of issue #8 against the running ./run stack, over a dataset made by generate.mjs.
//
//   node bench/bench.mjs <scenario> [--scale 10k|100k] [--duration 15s] [--connections 16] [--threads 2]
//
// HTTP scenarios (wrk + bench/wrk/replay.lua, then the same DynamoDB Query straight to dynalite where
// there is one): journal-list, conversation, directory, open-slots, booking, login.
// Others: login-flood (other endpoints' p99 with and without a login flood), notification (WebSocket
// delivery latency), memory (every process's RSS, anonymous part and PSS at rest; --name labels the file), bcrypt (the bcrypt limit of this machine; login measures it right before itself),
// all (every one but bcrypt), report (the markdown tables of BENCHMARKS.md from bench/results/).
// Each prints its figures and writes bench/results/<scale>/<scenario>.json, with the load averages
// before and after and the peak RSS of every process of the stack during the run.
import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { loadDataset, parseArgs, saveDataset } from './lib/dataset.mjs';
import { measureNotificationLatency, percentile } from './lib/notifications.mjs';
import { KAFKA, ensureDir, repoRoot, resultsDir, serviceClassPath } from './lib/paths.mjs';
import { renderReport } from './lib/report.mjs';
import { HTTP_SCENARIOS } from './lib/scenarios.mjs';
import { loadAverages, machineInfo, memoryMiB, pssMiB, sampleRss, stackProcesses, stackRoots, waitUntilQuiet } from './lib/stack.mjs';
import { TokenMinter } from './lib/tokens.mjs';
import { ensureWrk, runWrk, writeRequests } from './lib/wrk.mjs';

const API_URL = process.env.BENCH_API_URL ?? 'http://127.0.0.1:8080';
const DYNAMO_URL = process.env.BENCH_DYNAMO_URL ?? 'http://127.0.0.1:8000';

const options = parseArgs(process.argv.slice(2));
const scenario = options._[0];
const scale = options.scale ?? '10k';
// Before each run: wait until the stack is quiet, at most --settle-timeout seconds (default 300);
// --settle false skips the wait (only for trying the scripts out)
const settleTimeout = Number(options['settle-timeout'] ?? 300);
const settle = options.settle === 'false' ? async () => true : () => waitUntilQuiet({ timeoutSeconds: settleTimeout });
// Every measured wrk run follows an unmeasured one of --warmup (default 10s) with the same requests: the
// services' JIT compilers and dynalite's caches otherwise spend the first seconds of the measurement
// warming up (a fresh stack measured cold gave half the throughput). Booking cannot repeat its requests
// and runs cold.
const warmup = options.warmup ?? '10s';
const warmupEnabled = !/^0+[a-z]*$/.test(warmup);
const wrkOptions = {
    threads: Number(options.threads ?? 2),
    connections: Number(options.connections ?? 16),
    duration: options.duration ?? '15s',
};

function save(name, result) {
    const file = join(ensureDir(join(resultsDir, scale)), `${name}.json`);
    writeFileSync(file, JSON.stringify(result, null, 2) + '\n');
    console.error(`→ ${file}`);
}

function describe(label, r) {
    const statuses = Object.entries(r.statuses).map(([s, n]) => `${s}×${n}`).join(' ');
    console.log(`  ${label.padEnd(5)} ${String(r.throughput).padStart(8)} req/s  p50 ${r.p50Ms} ms  p99 ${r.p99Ms} ms`
        + `  (${r.requests} requests: ${statuses}${r.socketErrors ? `, ${r.socketErrors} socket errors` : ''})`);
}

/** Runs {@code fn} while sampling the stack's RSS; returns fn's result with the load averages and RSS. */
async function measured(fn) {
    const loadBefore = loadAverages();
    const rss = sampleRss();
    const result = await fn();
    return { ...result, loadBefore, loadAfter: loadAverages(), rss: rss.stop() };
}

async function httpScenario(name) {
    const spec = HTTP_SCENARIOS[name];
    const dataset = loadDataset(scale);
    ensureWrk();
    await settle();
    const minter = new TokenMinter();
    const apiFile = writeRequests(`${scale}-${name}-api`, spec.api(dataset, minter));
    console.log(`${name} (${scale}): ${spec.title}`);
    // login is held against the bcrypt limit, measured right before it: the machine's load changes
    const bcryptLimit = name === 'login' ? bcrypt() : null;
    if (!spec.consumes) {
        await warmUp(API_URL, apiFile);
        await settle(); // what the warm-up's requests set off (access logs, sessions) is done before measuring
    }
    const { api, loadBefore, loadAfter, rss } = await measured(async () =>
        ({ api: await runWrk({ url: API_URL, requestFile: apiFile, ...wrkOptions }) }));
    describe('api', api);
    if (spec.consumes) {
        // requests still in flight when wrk stopped may have booked too: skip one per connection
        dataset.bookingCursor += api.requests + wrkOptions.connections;
        saveDataset(dataset);
    }
    let raw = null;
    if (spec.raw) {
        await settle();
        const rawFile = writeRequests(`${scale}-${name}-raw`, spec.raw(dataset));
        await warmUp(DYNAMO_URL, rawFile);
        raw = await runWrk({ url: DYNAMO_URL, requestFile: rawFile, ...wrkOptions });
        describe('raw', raw);
        console.log(`  api/raw throughput ${(100 * api.throughput / raw.throughput).toFixed(0)} %`);
    }
    const result = {
        scenario: name, title: spec.title, scale, at: new Date().toISOString(), wrk: wrkOptions,
        warmup: spec.consumes ? null : (warmupEnabled ? warmup : null),
        loadBefore, loadAfter, api, raw, rawNote: spec.rawNote ?? null,
        apiToRaw: raw ? Number((api.throughput / raw.throughput).toFixed(3)) : null, rss,
    };
    if (bcryptLimit) {
        result.bcryptLimit = bcryptLimit.perSecond;
        result.loginToBcrypt = Number((api.throughput / bcryptLimit.perSecond).toFixed(3));
        console.log(`  login/bcrypt limit ${(100 * result.loginToBcrypt).toFixed(0)} %`);
    }
    printRss(rss);
    save(name, result);
    warnIfRateLimited(api);
    return result;
}

async function warmUp(url, requestFile) {
    if (warmupEnabled) {
        await runWrk({ url, requestFile, ...wrkOptions, duration: warmup });
    }
}

/** Other endpoints' latency alone, then during a login flood (16 connections of logins). */
async function loginFlood() {
    const dataset = loadDataset(scale);
    ensureWrk();
    const minter = new TokenMinter();
    const others = ['journal-list', 'open-slots'].map((name) => ({
        name, requestFile: writeRequests(`${scale}-${name}-flood`, HTTP_SCENARIOS[name].api(dataset, minter)),
    }));
    const loginFile = writeRequests(`${scale}-login-flood`, HTTP_SCENARIOS.login.api(dataset, minter));
    const otherLoad = { threads: 1, connections: 4, duration: wrkOptions.duration };
    const runOthers = () => others.map(({ requestFile }) => runWrk({ url: API_URL, requestFile, ...otherLoad }));

    console.log(`login-flood (${scale}): journal-list and open-slots at 4 connections each, without then with a login flood`);
    await Promise.all([...others.map(({ requestFile }) => warmUp(API_URL, requestFile)), warmUp(API_URL, loginFile)]);
    await settle();
    const alone = await measured(async () => ({ runs: await Promise.all(runOthers()) }));
    await settle();
    const flooded = await measured(async () => {
        const [login, ...runs] = await Promise.all([runWrk({ url: API_URL, requestFile: loginFile, ...wrkOptions }), ...runOthers()]);
        return { login, runs };
    });
    const endpoints = others.map(({ name }, i) => ({
        name, alone: alone.runs[i], flooded: flooded.runs[i],
        p99Factor: Number((flooded.runs[i].p99Ms / alone.runs[i].p99Ms).toFixed(2)),
    }));
    for (const e of endpoints) {
        console.log(`  ${e.name}: p99 ${e.alone.p99Ms} ms alone, ${e.flooded.p99Ms} ms during the flood (×${e.p99Factor});`
            + ` ${e.alone.throughput} → ${e.flooded.throughput} req/s`);
    }
    describe('login', flooded.login);
    const result = {
        scenario: 'login-flood', scale, at: new Date().toISOString(), otherLoad, loginLoad: wrkOptions,
        loadBefore: alone.loadBefore, loadAfter: flooded.loadAfter, endpoints, login: flooded.login, rss: flooded.rss,
    };
    printRss(flooded.rss);
    save('login-flood', result);
    warnIfRateLimited(flooded.login);
    return result;
}

async function notification() {
    if (typeof WebSocket === 'undefined') {
        // Node 20 has WebSocket behind a flag: run this scenario again with it
        const rerun = spawnSync(process.execPath, ['--experimental-websocket', '--no-warnings', ...process.argv.slice(1)],
            { stdio: 'inherit' });
        process.exit(rerun.status ?? 1);
    }
    const dataset = loadDataset(scale);
    const samples = Number(options.samples ?? 200);
    const minter = new TokenMinter();
    const client = dataset.clients[dataset.heavyClients.length]; // a light client and their therapist
    console.log(`notification (${scale}): ${samples} messages client → therapist, each timed until its`
        + ' message.received frame arrives on the therapist\'s WebSocket');
    await settle();
    const run = await measured(async () => measureNotificationLatency({
        client, samples, warmupSamples: Number(options['warmup-samples'] ?? 20),
        clientToken: minter.mint(client.id, 'client').token,
        therapistToken: minter.mint(client.therapistId, 'therapist').token,
    }));
    const sorted = [...run.latencies].sort((a, b) => a - b);
    const ms = (v) => (v === null ? null : Number(v.toFixed(1)));
    const result = {
        scenario: 'notification', scale, at: new Date().toISOString(), samples, lost: run.lost,
        p50Ms: ms(percentile(sorted, 50)), p90Ms: ms(percentile(sorted, 90)), p99Ms: ms(percentile(sorted, 99)),
        maxMs: ms(sorted.at(-1) ?? null), loadBefore: run.loadBefore, loadAfter: run.loadAfter, rss: run.rss,
    };
    console.log(`  p50 ${result.p50Ms} ms  p90 ${result.p90Ms} ms  p99 ${result.p99Ms} ms  max ${result.maxMs} ms, ${run.lost} lost`);
    printRss(run.rss);
    save('notification', result);
    return result;
}

/**
 * The outbox relay (issue #19): --events N (default 10000) JournalEntryCreated events staged into journal-service's
 * outbox (relay/RelayBench.java, with the service's own class path and Outbox code), timed until all are on Kafka.
 * Needs no dataset; --scale only names the results folder. --writers (default 4) staging threads.
 */
async function relay() {
    const events = Number(options.events ?? 10000);
    await settle();
    console.log(`relay: ${events} events staged into journal-service's outbox, timed until all are on Kafka`);
    const classPath = serviceClassPath('journal-service');
    const run = await measured(async () => {
        const child = spawnSync('java', ['-Djava.util.logging.manager=org.jboss.logmanager.LogManager', '-cp', classPath,
            join(repoRoot, 'bench', 'relay', 'RelayBench.java'),
            '--dynamo', DYNAMO_URL, '--bootstrap', KAFKA, '--events', String(events),
            '--writers', String(options.writers ?? 4), '--timeout', String(options.timeout ?? 1800)],
        { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 64 * 1024 * 1024 });
        if (child.status !== 0) {
            throw new Error(`RelayBench exited ${child.status}`);
        }
        return JSON.parse(child.stdout.slice(child.stdout.indexOf('{')));
    });
    const { backlog, ...figures } = run;
    const result = { scenario: 'relay', scale, at: new Date().toISOString(), ...figures, backlog };
    console.log(`  staged in ${result.stagingSeconds} s (${result.stagedPerSecond}/s); all on Kafka after`
        + ` ${result.totalSeconds} s, ${result.drainAfterStagingSeconds} s after the staging ended;`
        + ` ${result.publishedPerSecond} events/s; max backlog ${result.maxPending};`
        + ` ${result.missing} missing, ${result.duplicates} duplicates`);
    printRss(run.rss);
    save(`relay-${events}`, result);
    return result;
}

/**
 * The stack's memory at rest (issue #19): once it is quiet, --samples (default 10) samples a second apart of
 * every process's VmRSS, its anonymous part and its PSS; the median of each per process, and of the totals.
 * Run it on a stack started a minute before (steady after start) or after a load.
 */
async function memory() {
    const samples = Number(options.samples ?? 10);
    await settle();
    const loadBefore = loadAverages();
    const series = [];
    for (let i = 0; i < samples; i++) {
        const row = {};
        for (const { pid, name } of stackProcesses()) {
            const figures = memoryMiB(pid);
            if (figures !== null) {
                const pss = pssMiB(pid);
                // a process tree's descendants (a wrapper's child) add to their root's row
                const root = name.split('/')[0];
                const previous = row[root] ?? { rss: 0, anon: 0, pss: 0 };
                row[root] = {
                    rss: previous.rss + figures.rss, anon: previous.anon + (figures.anon ?? 0), pss: previous.pss + (pss ?? 0),
                };
            }
        }
        series.push(row);
        await new Promise((done) => setTimeout(done, 1000));
    }
    const median = (values) => values.sort((a, b) => a - b)[Math.floor(values.length / 2)];
    const perProcess = {};
    for (const name of Object.keys(series.at(-1))) {
        const of = (field) => Math.round(median(series.map((row) => row[name]?.[field] ?? 0)));
        perProcess[name] = { rssMiB: of('rss'), anonMiB: of('anon'), pssMiB: of('pss') };
    }
    const total = (field) => Math.round(median(series.map((row) => Object.values(row).reduce((sum, p) => sum + p[field], 0))));
    const result = {
        scenario: 'memory', scale, at: new Date().toISOString(), samples, perProcess,
        totalRssMiB: total('rss'), totalAnonMiB: total('anon'), totalPssMiB: total('pss'), loadBefore, loadAfter: loadAverages(),
    };
    for (const [name, p] of Object.entries(perProcess)) {
        console.log(`  ${name.padEnd(20)} RSS ${String(p.rssMiB).padStart(5)}  anonymous ${String(p.anonMiB).padStart(5)}  PSS ${String(p.pssMiB).padStart(5)} MiB`);
    }
    console.log(`  total                RSS ${result.totalRssMiB}  anonymous ${result.totalAnonMiB}  PSS ${result.totalPssMiB} MiB`);
    save(options.name ? `memory-${options.name}` : 'memory', result);
    return result;
}

/** bcrypt verifications per second on 2 threads at auth-service's configured cost, with its library. */
function bcrypt() {
    const cost = bcryptCost();
    const seconds = options.seconds ?? '15';
    const classPath = join(repoRoot, 'auth-service', 'target', 'quarkus-app', 'lib', 'main', '*');
    console.log(`bcrypt: cost ${cost}, 2 threads, ${seconds} s (Quarkus BcryptUtil, as auth-service)`);
    const loadBefore = loadAverages();
    const output = execFileSync('java', ['-cp', classPath, join(repoRoot, 'bench', 'bcrypt', 'BcryptLimit.java'),
        String(cost), '2', seconds], { encoding: 'utf8' });
    const measuredLimit = JSON.parse(output.trim().split('\n').at(-1));
    const result = { scenario: 'bcrypt', scale, at: new Date().toISOString(), ...measuredLimit, loadBefore, loadAfter: loadAverages() };
    console.log(`  ${result.perSecond} verifications/s`);
    save('bcrypt', result);
    return result;
}

/**
 * The cost the running auth-service uses: BCRYPT_COST from its environment if set, else the value of
 * the `local` profile (./run starts the services with it) in its application.properties.
 */
function bcryptCost() {
    const auth = stackRoots().find((p) => p.name === 'auth-service');
    if (auth) {
        try {
            const env = readFileSync(`/proc/${auth.pid}/environ`, 'utf8').split('\0');
            const set = env.find((v) => v.startsWith('BCRYPT_COST='));
            if (set) {
                return Number(set.split('=')[1]);
            }
        } catch {
            // not readable: fall back to the configuration file
        }
    }
    const properties = readFileSync(join(repoRoot, 'auth-service', 'src', 'main', 'resources', 'application.properties'), 'utf8');
    const local = /^%local\.tms\.auth\.bcrypt-cost=\$\{BCRYPT_COST:(\d+)\}/m.exec(properties)
        ?? /^tms\.auth\.bcrypt-cost=\$\{BCRYPT_COST:(\d+)\}/m.exec(properties);
    return Number(local[1]);
}

function printRss(rss) {
    const parts = Object.entries(rss.perProcessMiB).map(([name, mib]) => `${name} ${mib}`);
    console.log(`  peak RSS (MiB): ${parts.join(', ')}; total ${rss.peakTotalMiB}`);
}

function warnIfRateLimited(run) {
    if (run.statuses['429']) {
        console.error('  429s: the gateway rate-limited the run. Start the stack with '
            + 'RATE_LIMIT_AUTH_PER_MINUTE=10000000 RATE_LIMIT_API_PER_MINUTE=100000000 ./run (see bench/README.md)');
    }
}

const ORDER = ['journal-list', 'conversation', 'directory', 'open-slots', 'login', 'login-flood', 'booking', 'notification'];

async function main() {
    switch (scenario) {
        case 'bcrypt': return bcrypt();
        case 'relay': return relay();
        case 'memory': return memory();
        case 'login-flood': return loginFlood();
        case 'notification': return notification();
        case 'report':
            console.log(renderReport(readdirSync(resultsDir).filter((d) => !d.startsWith('.')), machineInfo()));
            return null;
        case 'all': {
            const failed = [];
            for (const name of ORDER) {
                // each in its own process: the notification scenario may re-run node with a flag
                const run = spawnSync(process.execPath, [process.argv[1], name, ...process.argv.slice(3)], { stdio: 'inherit' });
                if (run.status !== 0) {
                    console.error(`${name} failed (exit ${run.status})`);
                    failed.push(name);
                }
            }
            if (failed.length > 0) {
                // the others ran and saved their results; the exit status still says not all did
                console.error(`failed: ${failed.join(', ')}`);
                process.exitCode = 1;
            }
            return null;
        }
        default:
            if (HTTP_SCENARIOS[scenario]) {
                return httpScenario(scenario);
            }
            console.error(`usage: node bench/bench.mjs <${[...ORDER, 'journal-list-bare', 'bcrypt', 'relay', 'memory', 'all', 'report'].join('|')}> [--scale 10k|100k] `
                + '[--events 10000] [--duration 15s] [--warmup 10s] [--connections 16] [--threads 2] [--samples 200] [--warmup-samples 20] [--settle-timeout 300]');
            process.exit(2);
    }
    return null;
}

main().catch((error) => {
    console.error(error.stack ?? error);
    process.exit(1);
});
