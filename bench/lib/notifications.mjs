// Notification delivery latency: the time from sending a request that raises a notification (a client's
// message to their therapist: POST /api/messages) to the matching frame on the therapist's WebSocket
// (/api/notifications/stream through the gateway). wrk cannot speak WebSocket, hence this client.
// Needs Node's WebSocket (Node 22, or Node 20 with --experimental-websocket; bench.mjs re-runs itself so).
import { performance } from 'node:perf_hooks';

import { Api } from './api.mjs';

const sleep = (ms) => new Promise((done) => setTimeout(done, ms));

/** Opens the stream for {@code token} (sent as the first message) and calls {@code onFrame} with each notification. */
function openStream(baseUrl, token, onFrame) {
    return new Promise((resolve, reject) => {
        const socket = new WebSocket(`${baseUrl.replace(/^http/, 'ws')}/api/notifications/stream`);
        socket.addEventListener('open', () => {
            socket.send(JSON.stringify({ token }));
            resolve(socket);
        });
        socket.addEventListener('message', (event) => onFrame(JSON.parse(event.data), performance.now()));
        socket.addEventListener('error', () => reject(new Error('the notification stream could not be opened')));
        socket.addEventListener('close', (event) => {
            if (event.code !== 1000) {
                console.error(`notification stream closed: ${event.code} ${event.reason}`);
            }
        });
    });
}

/**
 * Sends {@code warmupSamples} uncounted messages, then {@code samples} messages, one after another (with
 * {@code gapMs} between them) and returns the latencies in ms; a frame that does not come within
 * {@code timeoutMs} counts as lost.
 */
export async function measureNotificationLatency({ client, therapistToken, clientToken, samples, warmupSamples = 20, gapMs = 100, timeoutMs = 10_000 }) {
    const api = new Api();
    const arrivals = new Map(); // subjectId → arrival time, for frames that beat the POST's response
    const waiting = new Map(); // subjectId → resolve
    const socket = await openStream(api.baseUrl, therapistToken, (frame, at) => {
        if (frame.type !== 'message.received') {
            return;
        }
        const resolve = waiting.get(frame.subjectId);
        if (resolve) {
            resolve(at);
        } else {
            arrivals.set(frame.subjectId, at);
        }
    });
    await sleep(1000); // the token is checked asynchronously; a push before that would be missed
    const latencies = [];
    let lost = 0;
    for (let i = -warmupSamples; i < samples; i++) { // negative samples warm the path up and are not counted
        const sent = performance.now();
        const message = await api.call('POST', '/api/messages',
            { token: clientToken, body: { recipientId: client.therapistId, content: `latency probe ${i}` } });
        const arrived = arrivals.get(message.messageId) ?? await Promise.race([
            new Promise((resolve) => waiting.set(message.messageId, resolve)),
            sleep(timeoutMs).then(() => null),
        ]);
        waiting.delete(message.messageId);
        if (i >= 0) {
            if (arrived === null) {
                lost++;
            } else {
                latencies.push(arrived - sent);
            }
        }
        await sleep(gapMs);
    }
    socket.close(1000);
    return { latencies, lost };
}

export function percentile(sorted, p) {
    if (sorted.length === 0) {
        return null;
    }
    const rank = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
    return sorted[Math.max(0, rank)];
}
