// Markdown tables for BENCHMARKS.md from the JSON results in bench/results/<scale>/.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import { resultsDir } from './paths.mjs';

const HTTP = ['journal-list', 'conversation', 'directory', 'open-slots', 'booking', 'login'];

function read(scale, name) {
    const file = join(resultsDir, scale, `${name}.json`);
    return existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : null;
}

const cell = (value, suffix = '') => (value === null || value === undefined ? '–' : `${value}${suffix}`);
const percent = (ratio) => (ratio === null || ratio === undefined ? '–' : `${Math.round(ratio * 100)} %`);
const loads = (r) => (r ? `${r.loadBefore.join(' / ')} → ${r.loadAfter.join(' / ')}` : '–');
const row = (cells) => `| ${cells.join(' | ')} |`;

function httpTable(scale) {
    const lines = [
        row(['benchmark', 'API req/s', 'API p50 ms', 'API p99 ms', 'non-2xx', 'raw req/s', 'raw p50 ms', 'raw p99 ms',
            'API/raw', 'load avg 1/5/15 min (before → after)']),
        row(Array(10).fill('---')),
    ];
    for (const name of HTTP) {
        const r = read(scale, name);
        if (!r) {
            continue;
        }
        lines.push(row([name, r.api.throughput, r.api.p50Ms, r.api.p99Ms, r.api.nonSuccess + r.api.socketErrors,
            cell(r.raw?.throughput), cell(r.raw?.p50Ms), cell(r.raw?.p99Ms),
            r.raw ? percent(r.apiToRaw) : (name === 'login' ? `${percent(r.loginToBcrypt)} of bcrypt` : 'n/a'), loads(r)]));
    }
    const notification = read(scale, 'notification');
    if (notification) {
        lines.push(row(['notification (WebSocket)', `${notification.samples} sequential`, notification.p50Ms,
            notification.p99Ms, `${notification.lost} lost`, '–', '–', '–', 'n/a', loads(notification)]));
    }
    return lines.join('\n');
}

function floodTable(scale) {
    const r = read(scale, 'login-flood');
    if (!r) {
        return '';
    }
    const lines = [
        row(['endpoint (4 connections)', 'p99 alone ms', 'p99 during login flood ms', 'factor', 'req/s alone → flood']),
        row(Array(5).fill('---')),
        ...r.endpoints.map((e) => row([e.name, e.alone.p99Ms, e.flooded.p99Ms, `×${e.p99Factor}`,
            `${e.alone.throughput} → ${e.flooded.throughput}`])),
    ];
    return `${lines.join('\n')}\n\nLogin during the flood: ${r.login.throughput} req/s, p50 ${r.login.p50Ms} ms, `
        + `p99 ${r.login.p99Ms} ms. Load averages ${loads(r)}.`;
}

/** Peak RSS (and its anonymous part, where recorded) per process over every run of the scale, and the highest totals. */
function rssTable(scale) {
    const peaks = new Map();
    const anonPeaks = new Map();
    let peakTotal = 0;
    let peakRun = null;
    let peakAnonTotal = null;
    for (const name of [...HTTP, 'login-flood', 'notification']) {
        const r = read(scale, name);
        if (!r?.rss) {
            continue;
        }
        for (const [process, mib] of Object.entries(r.rss.perProcessMiB)) {
            peaks.set(process, Math.max(peaks.get(process) ?? 0, mib));
        }
        for (const [process, mib] of Object.entries(r.rss.anonPerProcessMiB ?? {})) {
            anonPeaks.set(process, Math.max(anonPeaks.get(process) ?? 0, mib));
        }
        if (r.rss.peakTotalMiB > peakTotal) {
            peakTotal = r.rss.peakTotalMiB;
            peakRun = name;
        }
        if (r.rss.peakAnonTotalMiB !== undefined) {
            peakAnonTotal = Math.max(peakAnonTotal ?? 0, r.rss.peakAnonTotalMiB);
        }
    }
    if (peaks.size === 0) {
        return '';
    }
    const lines = [row(['process', 'peak RSS MiB', 'peak anonymous MiB']), row(['---', '---', '---'])];
    for (const [process, mib] of peaks) {
        lines.push(row([process, mib, cell(anonPeaks.get(process))]));
    }
    lines.push(row(['**total (highest sum in one run)**', `**${peakTotal}** (during ${peakRun})`, cell(peakAnonTotal)]));
    return lines.join('\n');
}

function verdict(ok) {
    return ok === null ? 'not measured' : (ok ? 'met' : '**not met**');
}

function targetsTable(scales) {
    const lines = [row(['target (issue #8)', ...scales.map((s) => `${s}`), 'verdict']), row(Array(scales.length + 2).fill('---'))];
    const each = (fn) => scales.map((s) => fn(s));
    const all = (values, test) => (values.some((v) => v === null || v === undefined) ? null : values.every(test));

    const journalP99 = each((s) => read(s, 'journal-list')?.api.p99Ms ?? null);
    lines.push(row(['journal list p99 < 50 ms at 16 connections', ...journalP99.map((v) => cell(v, ' ms')),
        verdict(all(journalP99, (v) => v < 50))]));
    if (scales.length === 2 && journalP99.every((v) => v !== null)) {
        const factor = journalP99[1] / journalP99[0];
        lines.push(row(['… flat between 10k and 100k rows (p99 100k / 10k)', '', `×${factor.toFixed(2)}`,
            factor <= 1.25 ? 'flat (within 25 %)' : '**not flat**']));
    }
    for (const name of ['journal-list', 'conversation', 'directory', 'open-slots']) {
        const ratios = each((s) => read(s, name)?.apiToRaw ?? null);
        lines.push(row([`API ≥ 50 % of raw store throughput: ${name}`, ...ratios.map(percent), verdict(all(ratios, (v) => v >= 0.5))]));
    }
    const login = each((s) => read(s, 'login')?.loginToBcrypt ?? null);
    lines.push(row(['login ≥ 80 % of the bcrypt limit', ...login.map(percent), verdict(all(login, (v) => v >= 0.8))]));
    const flood = each((s) => {
        const r = read(s, 'login-flood');
        return r ? Math.max(...r.endpoints.map((e) => e.p99Factor)) : null;
    });
    lines.push(row(['other endpoints\' p99 at most doubled during a login flood (worst factor)',
        ...flood.map((v) => cell(v === null ? null : `×${v}`)), verdict(all(flood, (v) => v <= 2))]));
    const notification = each((s) => read(s, 'notification')?.p99Ms ?? null);
    lines.push(row(['notification p99 ≤ 250 ms', ...notification.map((v) => cell(v, ' ms')),
        verdict(all(notification, (v) => v <= 250))]));
    const rss = each((s) => {
        const totals = [...HTTP, 'login-flood', 'notification'].map((n) => read(s, n)?.rss?.peakTotalMiB).filter(Boolean);
        return totals.length ? Math.max(...totals) : null;
    });
    lines.push(row(['whole stack ≤ 1.5 GB RSS (1536 MiB)', ...rss.map((v) => cell(v, ' MiB')), verdict(all(rss, (v) => v <= 1536))]));
    // the same without file-backed pages (dynalite's LevelDB maps its files): recorded by runs since that column exists
    const anon = each((s) => {
        const totals = [...HTTP, 'login-flood', 'notification'].map((n) => read(s, n)?.rss?.peakAnonTotalMiB).filter(Boolean);
        return totals.length ? Math.max(...totals) : null;
    });
    const apps = each((s) => {
        // the system's own processes: the six services, the gateway and Kafka (not the launcher, not the store)
        const totals = [...HTTP, 'login-flood', 'notification'].map((n) => read(s, n)?.rss?.perProcessMiB).filter(Boolean)
            .map((perProcess) => Object.entries(perProcess)
                .filter(([name]) => !['launcher', 'dynalite'].includes(name) && !name.startsWith('launcher/') && !name.startsWith('dynalite/'))
                .reduce((sum, [, mib]) => sum + mib, 0));
        return totals.length ? Math.max(...totals) : null;
    });
    lines.push(row(['… anonymous memory only (file-backed pages excluded)', ...anon.map((v) => cell(v, ' MiB')),
        verdict(all(anon, (v) => v <= 1536))]));
    lines.push(row(['… services, gateway and Kafka only (without the launcher and dynalite)', ...apps.map((v) => cell(v, ' MiB')),
        verdict(all(apps, (v) => v <= 1536))]));
    return lines.join('\n');
}

export function renderReport(scales, machine) {
    const ordered = ['10k', '100k', ...scales.filter((s) => s !== '10k' && s !== '100k')].filter((s) => scales.includes(s));
    const parts = [`Machine: ${JSON.stringify(machine)}`, '', '## Targets', '', targetsTable(ordered.filter((s) => s === '10k' || s === '100k'))];
    for (const scale of ordered) {
        const bcrypt = read(scale, 'bcrypt');
        parts.push('', `## Scale ${scale}`, '', httpTable(scale));
        if (bcrypt) {
            parts.push('', `bcrypt limit: ${bcrypt.perSecond} verifications/s (cost ${bcrypt.cost}, ${bcrypt.threads} threads, `
                + `${bcrypt.seconds} s; load ${loads(bcrypt)}).`);
        }
        const flood = floodTable(scale);
        if (flood) {
            parts.push('', `### Login flood (${scale})`, '', flood);
        }
        const rss = rssTable(scale);
        if (rss) {
            parts.push('', `### RSS per process (${scale})`, '', rss);
        }
    }
    return parts.join('\n');
}
