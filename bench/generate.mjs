#!/usr/bin/env node
// Loads a dataset into the running ./run stack through the public API (the gateway), with a progress bar:
// therapists (verified by an admin), their open slots, clients each linked to one therapist through a
// mapping request and its approval, journal entries and messages — a few heavy clients own thousands of
// entries and long conversations. Bulk users get tokens minted with the stack's local key (lib/tokens.mjs)
// instead of signing up, because sign-up runs bcrypt; only the login benchmark's accounts sign up.
//
//   node bench/generate.mjs --scale 10k|100k [--therapists N --clients N --entries N --messages N --slots N]
//                           [--concurrency 16] [--seed 42] [--meter-backlog true|false] [--catch-up-timeout 1800]
//
// While it writes, it counts every service's outbox backlog every 2 s (lib/backlog.mjs) and writes the series,
// its peak and the time from the end of the load until it was empty to bench/results/<scale>/generator-backlog.json.
// After the links and after the load it waits until every outbox is empty and every consumer has caught up
// (lib/catchup.mjs) and records how long that took ("catchUps", in that file and in the dataset).
import { randomBytes, randomUUID } from 'node:crypto';

import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { Api, forEachConcurrently } from './lib/api.mjs';
import { meterBacklog } from './lib/backlog.mjs';
import { SCALES, datasetFile, parseArgs, saveDataset } from './lib/dataset.mjs';
import { Fake } from './lib/fake.mjs';
import { ensureDir, resultsDir } from './lib/paths.mjs';
import { Progress } from './lib/progress.mjs';
import { waitUntilCaughtUp } from './lib/catchup.mjs';
import { waitUntilQuiet } from './lib/stack.mjs';
import { TokenMinter } from './lib/tokens.mjs';

const LOGIN_ACCOUNTS = 8;
/** Heavy clients: about one in a thousand, holding 30 % of the journal entries and 20 % of the messages. */
const HEAVY_ENTRY_SHARE = 0.3;
const HEAVY_MESSAGE_SHARE = 0.2;
const SLOT_HOURS = [9, 11, 14, 16];
const MAX_SLOTS_PER_BATCH = 100;

const options = parseArgs(process.argv.slice(2));
const scale = options.scale ?? '10k';
if (!SCALES[scale] && !options.therapists) {
    console.error(`unknown --scale ${scale} (use ${Object.keys(SCALES).join(' or ')}, or give every size)`);
    process.exit(2);
}
const sizes = { ...SCALES[scale] };
for (const key of Object.keys(SCALES['10k'])) {
    if (options[key]) {
        sizes[key] = Number(options[key]);
    }
}
const concurrency = Number(options.concurrency ?? 16);
const fake = new Fake(Number(options.seed ?? 42));
const api = new Api();
const tokens = new TokenMinter();
const phases = [];
/** How long the outboxes and consumers took to catch up after the links and after the whole load (lib/catchup.mjs). */
const catchUps = {};

/** Runs one phase over {@code items} with a progress bar; returns the per-item results. */
async function phase(name, items, work) {
    const progress = new Progress(name, items.length);
    const { results, failures, firstFailures } = await forEachConcurrently(items, concurrency, work, progress);
    // the dataset file keeps the first reasons too: a failure count alone cannot be explained afterwards
    phases.push({ ...progress.finish(), failures, ...(failures > 0 ? { firstFailures } : {}) });
    return results;
}

const as = (userId, role) => tokens.tokenFor(userId, role);

async function main() {
    console.error(`loading scale ${scale} into ${api.baseUrl}: ${JSON.stringify(sizes)}, concurrency ${concurrency}`);
    const started = Date.now();
    const adminId = randomUUID();
    const backlog = options['meter-backlog'] === 'false' ? null : meterBacklog();

    // Therapists: a profile each, verified by an admin so that clients can ask to be linked.
    const therapists = Array.from({ length: sizes.therapists }, () => ({ id: randomUUID(), profile: fake.therapistProfile() }));
    await phase('therapists', therapists, (t) => api.call('POST', '/api/therapists',
        { token: as(t.id, 'therapist'), body: t.profile }));
    await phase('verifications', therapists, (t) => api.call('POST', `/api/therapists/${t.id}/verification`,
        { token: as(adminId, 'admin'), body: { verified: true } }));

    // Slots: an even share per therapist, an hour each, four a day on every other day from tomorrow.
    const slotCount = (i) => Math.floor(sizes.slots / sizes.therapists) + (i < sizes.slots % sizes.therapists ? 1 : 0);
    const batches = therapists.flatMap((t, i) => batchesOf(slotTimes(slotCount(i)), MAX_SLOTS_PER_BATCH)
        .map((slots) => ({ therapist: t, slots })));
    const slotIds = Object.fromEntries(therapists.map((t) => [t.id, []]));
    await phase('slots', batches, async ({ therapist, slots }) => {
        const created = await api.call('POST', `/api/session-slots/${therapist.id}`,
            { token: as(therapist.id, 'therapist'), body: { slots } });
        slotIds[therapist.id].push(...created.items.map((slot) => slot.slotId));
    });

    // Clients: a profile each; the heavy ones get a therapist of their own, the rest one at random.
    const heavyCount = Math.max(2, Math.round(sizes.clients / 1000));
    const clients = Array.from({ length: sizes.clients }, (_, i) => ({
        id: randomUUID(),
        therapistId: therapists[i < heavyCount ? i % therapists.length : fake.int(0, therapists.length - 1)].id,
        profile: fake.clientProfile(),
    }));
    await phase('clients', clients, (c) => api.call('POST', '/api/clients', { token: as(c.id, 'client'), body: c.profile }));

    // Links: the client asks, the therapist approves (MappingApproved feeds every service's projection).
    await phase('links', clients, async (c) => {
        const request = await api.call('POST', '/api/mapping-requests',
            { token: as(c.id, 'client'), body: { therapistId: c.therapistId } });
        await api.call('PUT', `/api/mapping-requests/${request.mappingRequestId}`,
            { token: as(c.therapistId, 'therapist'), body: { status: 'approved' } });
    });
    // Messages need messaging's link projection, journal reads journal's: wait until every consumer has applied
    // every link event (and nothing waits in an outbox), not merely for a quiet CPU.
    console.error('waiting for the link projections (messaging, scheduling, journal) to catch up…');
    catchUps.afterLinks = await waitUntilCaughtUp({ timeoutSeconds: Number(options['catch-up-timeout'] ?? 1800) });
    await waitUntilQuiet();

    // Journal entries over the past year: the heavy clients hold a large share, the rest is spread.
    const heavy = clients.slice(0, heavyCount);
    const entryOwners = ownersOf(clients, heavyCount, sizes.entries, HEAVY_ENTRY_SHARE);
    await phase('journal entries', entryOwners, (c) => api.call('POST', `/api/journals/${c.id}`,
        { token: as(c.id, 'client'), body: fake.journalEntry(365) }));

    // Messages: both directions of each client's conversation with their therapist. A 403 means the
    // messaging link projection is still behind: worth retrying.
    const messageOwners = ownersOf(clients, heavyCount, sizes.messages, HEAVY_MESSAGE_SHARE);
    await phase('messages', messageOwners, (c) => {
        const fromClient = fake.random() < 0.5;
        const [sender, senderRole, recipient] = fromClient
            ? [c.id, 'client', c.therapistId] : [c.therapistId, 'therapist', c.id];
        return api.call('POST', '/api/messages', {
            token: as(sender, senderRole), body: { recipientId: recipient, content: fake.text(4, 50) }, retryOn: [403],
        });
    });

    // The login benchmark's accounts: real sign-ups (bcrypt at the configured cost).
    const runId = randomBytes(4).toString('hex');
    const loginAccounts = Array.from({ length: LOGIN_ACCOUNTS }, (_, i) => ({
        email: `bench-login-${runId}-${i}@bench.example.com`, password: `bench-${randomBytes(12).toString('base64url')}`,
    }));
    await phase('login accounts', loginAccounts, async (account) => {
        const created = await api.call('POST', '/api/signup',
            { body: { ...account, role: 'client', name: `Login Bench ${account.email.split('@')[0]}` } });
        account.userId = created.userId;
    });

    backlog?.mark('loadEnd');
    console.error('waiting for the stack to finish the events of the load…');
    catchUps.afterLoad = await waitUntilCaughtUp({ timeoutSeconds: Number(options['catch-up-timeout'] ?? 1800) });
    if (catchUps.afterLoad.caughtUp) {
        // the last recomputes after the last event; a stack still behind would only run out this wait as well
        await waitUntilQuiet({ timeoutSeconds: 600 });
    }
    const backlogResult = backlog ? await backlog.stop() : null;
    if (backlogResult) {
        const file = join(ensureDir(join(resultsDir, scale)), 'generator-backlog.json');
        writeFileSync(file, JSON.stringify({ scale, sizes, at: new Date().toISOString(), phases, catchUps, ...backlogResult }, null, 2) + '\n');
        console.error(`outbox backlog: peak ${backlogResult.maxPending} pending items at ${backlogResult.maxPendingAt} s,`
            + ` ${backlogResult.pendingAtLoadEnd} when the load ended, empty ${backlogResult.drainedSecondsAfterLoad} s after it → ${file}`);
    }
    const seconds = (Date.now() - started) / 1000;
    const failures = phases.reduce((sum, p) => sum + p.failures, 0);
    const dataset = {
        scale, sizes, createdAt: new Date().toISOString(), baseUrl: api.baseUrl, seconds: Math.round(seconds), phases, catchUps,
        therapists: therapists.map((t) => ({ id: t.id, expertise: t.profile.expertise, location: t.profile.location })),
        clients: clients.map((c) => ({ id: c.id, therapistId: c.therapistId })),
        heavyClients: heavy.map((c) => c.id),
        slots: slotIds,
        loginAccounts: loginAccounts.filter((a) => a.userId),
        bookingCursor: 0,
    };
    saveDataset(dataset);
    console.error(`done in ${Math.round(seconds)} s with ${failures} failed request(s); dataset: ${datasetFile(scale)}`);
    for (const p of phases) {
        console.error(`  ${p.phase.padEnd(18)} ${String(p.count).padStart(7)} in ${String(p.seconds).padStart(6)} s`
            + ` = ${(p.count / p.seconds).toFixed(0).padStart(5)}/s, ${p.failures} failed`);
    }
    process.exitCode = failures > 0 ? 1 : 0;
}

/** {@code count} slot times: an hour each, at SLOT_HOURS (UTC) on every other day from tomorrow. */
function slotTimes(count) {
    const tomorrow = new Date();
    tomorrow.setUTCHours(0, 0, 0, 0);
    tomorrow.setUTCDate(tomorrow.getUTCDate() + 1);
    return Array.from({ length: count }, (_, k) => {
        const start = new Date(tomorrow);
        start.setUTCDate(start.getUTCDate() + 2 * Math.floor(k / SLOT_HOURS.length));
        start.setUTCHours(SLOT_HOURS[k % SLOT_HOURS.length]);
        const end = new Date(start.getTime() + 3_600_000);
        return { startTime: start.toISOString(), endTime: end.toISOString() };
    });
}

function batchesOf(list, size) {
    const batches = [];
    for (let i = 0; i < list.length; i += size) {
        batches.push(list.slice(i, i + size));
    }
    return batches;
}

/**
 * One owner per row to write, in random order: {@code share} of the rows go evenly to the first
 * {@code heavyCount} clients, the rest at random to the others.
 */
function ownersOf(clients, heavyCount, total, share) {
    const owners = [];
    const perHeavy = Math.round((total * share) / heavyCount);
    for (let h = 0; h < heavyCount; h++) {
        for (let i = 0; i < perHeavy; i++) {
            owners.push(clients[h]);
        }
    }
    const light = clients.slice(heavyCount);
    while (owners.length < total) {
        owners.push(light[fake.int(0, light.length - 1)]);
    }
    return fake.shuffle(owners);
}

main().catch((error) => {
    console.error(error);
    process.exit(1);
});
