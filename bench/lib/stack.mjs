// The processes of the running ./run stack (from .data/run.pids, plus every process they started, such as
// a wrapper's node or java child), their resident memory (VmRSS) and CPU time, read from /proc.
import { execFileSync } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import os from 'node:os';

import { dataDir } from './paths.mjs';

const CLOCK_TICKS = 100; // USER_HZ on Linux

function readOr(file, fallback) {
    try {
        return readFileSync(file, 'utf8');
    } catch {
        return fallback;
    }
}

/** [{pid, name}] of .data/run.pids: the launcher first, then one line per child. */
export function stackRoots() {
    const text = readOr(join(dataDir, 'run.pids'), '');
    return text.split('\n').filter(Boolean).map((line) => {
        const [pid, name] = line.trim().split(/\s+/);
        return { pid: Number(pid), name };
    });
}

function parentsByPid() {
    const parents = new Map();
    for (const entry of readdirSync('/proc')) {
        if (!/^\d+$/.test(entry)) {
            continue;
        }
        const stat = readOr(`/proc/${entry}/stat`, null);
        if (stat) {
            // the command name is in parentheses and may contain spaces: fields after the last ')'
            const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
            parents.set(Number(entry), Number(fields[1]));
        }
    }
    return parents;
}

/** Every live process of the stack: [{pid, name}], a descendant named "<root>/<command>". */
export function stackProcesses() {
    const roots = stackRoots().filter(({ pid }) => readOr(`/proc/${pid}/status`, null) !== null);
    const parents = parentsByPid();
    const processes = [...roots];
    const rootNames = new Map(roots.map(({ pid, name }) => [pid, name]));
    for (const [pid] of parents) {
        if (rootNames.has(pid)) {
            continue;
        }
        for (let ancestor = parents.get(pid); ancestor > 1; ancestor = parents.get(ancestor)) {
            if (rootNames.has(ancestor)) {
                const command = readOr(`/proc/${pid}/comm`, '?').trim();
                processes.push({ pid, name: `${rootNames.get(ancestor)}/${command}` });
                break;
            }
        }
    }
    return processes;
}

/** Resident set size in MiB, or null if the process is gone. */
export function rssMiB(pid) {
    return memoryMiB(pid)?.rss ?? null;
}

/**
 * VmRSS and its anonymous part (RssAnon) in MiB, or null if the process is gone. They differ for dynalite:
 * LevelDB maps its table files, and those file-backed pages count in VmRSS though the kernel can drop them.
 */
export function memoryMiB(pid) {
    const status = readOr(`/proc/${pid}/status`, '');
    const rss = /VmRSS:\s+(\d+) kB/.exec(status);
    const anon = /RssAnon:\s+(\d+) kB/.exec(status);
    return rss ? { rss: Number(rss[1]) / 1024, anon: anon ? Number(anon[1]) / 1024 : null } : null;
}

/**
 * Proportional set size in MiB (smaps_rollup's Pss), or null: the resident pages with each shared one divided
 * among the processes that map it. Summed over the stack it is what the stack takes from the machine, where
 * summed VmRSS counts a page the JVMs share (libjvm, the JDK's class data archive) once per JVM.
 */
export function pssMiB(pid) {
    const rollup = readOr(`/proc/${pid}/smaps_rollup`, '');
    const pss = /^Pss:\s+(\d+) kB/m.exec(rollup);
    return pss ? Number(pss[1]) / 1024 : null;
}

/** CPU seconds (user + system) the process has used so far. */
function cpuSeconds(pid) {
    const stat = readOr(`/proc/${pid}/stat`, null);
    if (!stat) {
        return 0;
    }
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS;
}

const sleep = (ms) => new Promise((done) => setTimeout(done, ms));

/**
 * Samples the RSS of every stack process once a second until {@code stop()}; {@code stop()} returns the
 * peak per process and the peak of the sum over all processes (MiB), for VmRSS and for its anonymous part.
 */
export function sampleRss() {
    const peaks = new Map();
    const anonPeaks = new Map();
    let peakTotal = 0;
    let peakAnonTotal = 0;
    const sample = () => {
        let total = 0;
        let anonTotal = 0;
        for (const { pid, name } of stackProcesses()) {
            const memory = memoryMiB(pid);
            if (memory !== null) {
                total += memory.rss;
                peaks.set(name, Math.max(peaks.get(name) ?? 0, memory.rss));
                if (memory.anon !== null) {
                    anonTotal += memory.anon;
                    anonPeaks.set(name, Math.max(anonPeaks.get(name) ?? 0, memory.anon));
                }
            }
        }
        peakTotal = Math.max(peakTotal, total);
        peakAnonTotal = Math.max(peakAnonTotal, anonTotal);
    };
    sample();
    const timer = setInterval(sample, 1000);
    const rounded = (map) => Object.fromEntries([...map].map(([name, mib]) => [name, Math.round(mib)]));
    return {
        stop() {
            clearInterval(timer);
            sample();
            return {
                perProcessMiB: rounded(peaks), peakTotalMiB: Math.round(peakTotal),
                anonPerProcessMiB: rounded(anonPeaks), peakAnonTotalMiB: Math.round(peakAnonTotal),
            };
        },
    };
}

/**
 * Waits until the stack is quiet (all its processes together below {@code maxCores} of CPU for
 * {@code quietSeconds} in a row), so the backlog of a load — outbox relays, consumers — does not run
 * during a measurement. Gives up after {@code timeoutSeconds} and says so.
 */
// The idle stack itself uses ~0.6 of a core on the 2-core machine (9 JVMs' outbox polls and Kafka consumers, the
// broker answering their fetches; measured 2026-12-05): "quiet" must sit above that floor, or nothing ever is.
// BENCH_SETTLE_CORES overrides it.
const QUIET_CORES = Number(process.env.BENCH_SETTLE_CORES ?? 0.9);

export async function waitUntilQuiet({ maxCores = QUIET_CORES, quietSeconds = 5, timeoutSeconds = 300, log = console.error } = {}) {
    const started = Date.now();
    let quietFor = 0;
    let before = totalCpu();
    while ((Date.now() - started) / 1000 < timeoutSeconds) {
        await sleep(1000);
        const now = totalCpu();
        const cores = now - before;
        before = now;
        quietFor = cores < maxCores ? quietFor + 1 : 0;
        if (quietFor >= quietSeconds) {
            return true;
        }
    }
    log(`the stack was still busy after ${timeoutSeconds} s; measuring anyway`);
    return false;
}

function totalCpu() {
    return stackProcesses().reduce((sum, { pid }) => sum + cpuSeconds(pid), 0);
}

export function loadAverages() {
    return os.loadavg().map((value) => Number(value.toFixed(2)));
}

function firstLine(command, args) {
    try {
        return execFileSync(command, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).split('\n')[0].trim();
    } catch {
        return 'unknown';
    }
}

/** What BENCHMARKS.md records about the machine. */
export function machineInfo() {
    const cpuModel = /model name\s*:\s*(.*)/.exec(readOr('/proc/cpuinfo', ''))?.[1] ?? 'unknown';
    return {
        nproc: firstLine('nproc', []),
        memoryGiB: Number((os.totalmem() / 2 ** 30).toFixed(1)),
        cpuModel,
        kernel: firstLine('uname', ['-r']),
        java: firstLine('sh', ['-c', 'java -version 2>&1']),
        node: process.version,
        wrk: firstLine('sh', ['-c', 'wrk -v 2>&1 || true']),
    };
}
