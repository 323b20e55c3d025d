// Runs wrk with bench/wrk/replay.lua over a prepared request file and reads back its BENCH_JSON line.
import { execFileSync, spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { benchDir, ensureDir, stateDir } from './paths.mjs';

const REPLAY_SCRIPT = join(benchDir, 'wrk', 'replay.lua');

/** Installs wrk (Debian package) when it is missing; needs root, as in the CI image and the dev box. */
export function ensureWrk() {
    try {
        execFileSync('wrk', ['-v'], { stdio: 'ignore' });
    } catch (error) {
        if (error.code !== 'ENOENT') {
            return; // wrk -v exits 1 after printing its version: it is there
        }
        console.error('wrk not found: installing it with apt-get (Debian package "wrk")…');
        execFileSync('sh', ['-c', 'apt-get install -y wrk || (apt-get update && apt-get install -y wrk)'], { stdio: 'inherit' });
    }
}

/**
 * Writes requests ({method, path, body?, headers}) in replay.lua's format: one per line, tab-separated.
 * Returns the file's path.
 */
export function writeRequests(name, requests) {
    const lines = requests.map(({ method, path, body, headers = {} }) => [
        method, path, body === undefined ? '' : (typeof body === 'string' ? body : JSON.stringify(body)),
        ...Object.entries(headers).map(([header, value]) => `${header}: ${value}`),
    ].join('\t'));
    const file = join(ensureDir(join(stateDir, 'requests')), `${name}.tsv`);
    writeFileSync(file, lines.join('\n') + '\n');
    return file;
}

/**
 * Runs wrk and resolves to {requests, seconds, throughput (2xx per second), p50/p90/p99/max in ms,
 * statuses, nonSuccess, socketErrors}. {@code timeout} is wrk's per-request timeout: a slow answer on a busy
 * machine is measured rather than dropped.
 */
export function runWrk({ url, requestFile, threads = 2, connections = 16, duration = '15s', timeout = '10s' }) {
    const args = [`-t${threads}`, `-c${connections}`, `-d${duration}`, `--timeout`, timeout, '-s', REPLAY_SCRIPT, url];
    return new Promise((resolve, reject) => {
        const child = spawn('wrk', args, {
            env: { ...process.env, BENCH_REQUESTS: requestFile, BENCH_THREADS: String(threads) },
            stdio: ['ignore', 'pipe', 'inherit'],
        });
        let output = '';
        child.stdout.on('data', (chunk) => { output += chunk; });
        child.on('error', reject);
        child.on('close', (code) => {
            const line = output.split('\n').find((l) => l.startsWith('BENCH_JSON '));
            if (code !== 0 || !line) {
                reject(new Error(`wrk ${args.join(' ')} failed (exit ${code}):\n${output}`));
                return;
            }
            resolve(summarize(JSON.parse(line.slice('BENCH_JSON '.length)), args));
        });
    });
}

function summarize(raw, args) {
    const seconds = raw.durationUs / 1e6;
    const success = Object.entries(raw.statuses)
        .filter(([status]) => Number(status) < 300).reduce((sum, [, n]) => sum + n, 0);
    const ms = (us) => Number((us / 1000).toFixed(2));
    const socketErrors = Object.values(raw.socketErrors).reduce((a, b) => a + b, 0);
    return {
        command: `wrk ${args.join(' ')}`,
        requests: raw.requests,
        seconds: Number(seconds.toFixed(2)),
        throughput: Number((success / seconds).toFixed(1)),
        p50Ms: ms(raw.latencyUs.p50),
        p90Ms: ms(raw.latencyUs.p90),
        p99Ms: ms(raw.latencyUs.p99),
        maxMs: ms(raw.latencyUs.max),
        statuses: raw.statuses,
        nonSuccess: raw.requests - success,
        socketErrors,
    };
}
