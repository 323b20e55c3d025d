// Waits until the stack has caught up with a load (issue #19): every outbox empty and every live Kafka consumer
// group at lag 0 (lag/ConsumerLag.java, committed offsets against the partitions' ends). A quiet CPU alone said
// too little: at 100k the generator's wait after the links gave up after 300 s while messaging's link projection
// was still minutes behind, and messages were then refused as "not linked".
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { join } from 'node:path';

import { pendingTotal } from './backlog.mjs';
import { KAFKA, repoRoot, serviceClassPath } from './paths.mjs';

const INTERVAL_MS = 2000;
/** A lag line older than this says nothing about now (an admin call may hang while the broker is busy). */
const STALE_MS = 3 * INTERVAL_MS;

/**
 * Resolves to {caughtUp, seconds, peakLag, peakPending, slowest} once the outboxes and the consumers have been at 0
 * for {@code stableChecks} checks in a row (or {@code timeoutSeconds} passed: caughtUp false); {@code seconds} is when
 * the first of those checks was made. Prints progress every 10 s. {@code slowest}: the group that was behind last.
 */
export async function waitUntilCaughtUp({ timeoutSeconds = 1800, stableChecks = 3, log = console.error } = {}) {
    const lagProcess = spawn('java', ['-Djava.util.logging.manager=org.jboss.logmanager.LogManager',
        '-cp', serviceClassPath('journal-service'),
        join(repoRoot, 'bench', 'lag', 'ConsumerLag.java'), '--bootstrap', KAFKA, '--interval', String(INTERVAL_MS)],
    { stdio: ['ignore', 'pipe', 'ignore'] });
    let latest = null;
    let latestAt = 0;
    createInterface({ input: lagProcess.stdout }).on('line', (line) => {
        try {
            latest = JSON.parse(line);
            latestAt = Date.now();
        } catch {
            // not a lag line
        }
    });
    const started = Date.now();
    const elapsed = () => Number(((Date.now() - started) / 1000).toFixed(1));
    let zeroChecks = 0;
    let zeroSince = null;
    let peakLag = 0;
    let peakPending = 0;
    let lastBehind = null;
    let lastLog = 0;
    try {
        while (elapsed() < timeoutSeconds) {
            await new Promise((resolve) => setTimeout(resolve, INTERVAL_MS));
            if (lagProcess.exitCode !== null) {
                // a measuring tool failing must not throw away the load it measures: say so and go on
                log(`ConsumerLag exited ${lagProcess.exitCode}; not waiting for the consumers any more`);
                return { caughtUp: false, seconds: elapsed(), peakLag, peakPending, slowest: lastBehind, error: 'ConsumerLag exited' };
            }
            let pending;
            try {
                pending = await pendingTotal();
            } catch (error) {
                log(`  counting the outboxes failed (${error.message}); asking again`);
                zeroChecks = 0;
                continue;
            }
            const lag = Date.now() - latestAt <= STALE_MS ? (latest?.total ?? null) : null;
            peakPending = Math.max(peakPending, pending);
            peakLag = Math.max(peakLag, lag ?? 0);
            if (lag !== null && lag > 0) {
                lastBehind = Object.entries(latest.groups).sort((a, b) => b[1] - a[1])[0][0];
            }
            zeroChecks = lag === 0 && pending === 0 ? zeroChecks + 1 : 0;
            zeroSince = zeroChecks === 1 ? elapsed() : (zeroChecks === 0 ? null : zeroSince);
            if (zeroChecks >= stableChecks) {
                log(`caught up after ${zeroSince} s (peak: ${peakLag} records behind, ${peakPending} events in outboxes;`
                    + ` last behind: ${lastBehind ?? 'none'})`);
                return { caughtUp: true, seconds: zeroSince, peakLag, peakPending, slowest: lastBehind };
            }
            if (elapsed() - lastLog >= 10) {
                lastLog = elapsed();
                const behind = latest ? Object.entries(latest.groups).map(([group, n]) => `${group} ${n}`).join(', ') : 'not read yet';
                log(`  ${elapsed()} s: ${pending} events in outboxes; consumers behind: ${behind || 'none'}`);
            }
        }
        log(`the stack had not caught up after ${timeoutSeconds} s; going on`);
        return { caughtUp: false, seconds: elapsed(), peakLag, peakPending, slowest: lastBehind };
    } finally {
        lagProcess.kill();
    }
}
