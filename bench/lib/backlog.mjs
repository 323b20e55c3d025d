// The outbox backlog of every service while a load runs (issue #19): every --interval the pending items of each
// table's `outbox-pending` index, counted by Query with Select COUNT per shard (the relay's own index, the way
// the services' tms_outbox_pending metric counts), straight against dynalite.
const DYNAMO_URL = process.env.BENCH_DYNAMO_URL ?? 'http://127.0.0.1:8000';
const SHARDS = 4; // OutboxAttributes.SHARDS
const INDEX = 'outbox-pending';

function headers(target) {
    return {
        'X-Amz-Target': `DynamoDB_20120810.${target}`,
        'Content-Type': 'application/x-amz-json-1.0',
        // dynalite checks that a SigV4 header is there and well-formed, not the signature
        'X-Amz-Date': '20260101T000000Z',
        Authorization: 'AWS4-HMAC-SHA256 Credential=local/20260101/us-east-1/dynamodb/aws4_request, '
            + 'SignedHeaders=content-type;host;x-amz-date;x-amz-target, Signature=' + '0'.repeat(64),
    };
}

async function call(target, body) {
    const response = await fetch(DYNAMO_URL, { method: 'POST', headers: headers(target), body: JSON.stringify(body) });
    const json = await response.json();
    if (!response.ok) {
        const error = new Error(`${target}: ${json.__type ?? response.status} ${json.message ?? ''}`);
        error.type = json.__type ?? '';
        throw error;
    }
    return json;
}

/** The tables that have the outbox index. */
async function outboxTables() {
    const { TableNames: names } = await call('ListTables', {});
    const tables = [];
    for (const name of names) {
        const { Table: table } = await call('DescribeTable', { TableName: name });
        if ((table.GlobalSecondaryIndexes ?? []).some((i) => i.IndexName === INDEX)) {
            tables.push(name);
        }
    }
    return tables;
}

async function pending(table) {
    let count = 0;
    for (let shard = 0; shard < SHARDS; shard++) {
        let start;
        do {
            const page = await call('Query', {
                TableName: table, IndexName: INDEX, Select: 'COUNT', KeyConditionExpression: 'outboxShard = :s',
                ExpressionAttributeValues: { ':s': { S: `s${shard}` } }, ...(start ? { ExclusiveStartKey: start } : {}),
            });
            count += page.Count;
            start = page.LastEvaluatedKey;
        } while (start);
    }
    return count;
}

/** Every outbox's pending items together, counted now. */
export async function pendingTotal() {
    let total = 0;
    for (const table of await outboxTables()) {
        total += await pending(table);
    }
    return total;
}

/**
 * Starts sampling; {@code stop()} returns the samples ({@code t} seconds since the start, {@code total}, per
 * table) and the largest total. {@code mark(name)} notes a moment (e.g. the end of the load) on the timeline.
 */
export function meterBacklog({ intervalMs = 2000 } = {}) {
    const started = Date.now();
    const samples = [];
    const marks = {};
    let running = true;
    const loop = (async () => {
        let tables = null;
        while (running) {
            const at = Date.now();
            try {
                tables ??= await outboxTables();
                const perTable = {};
                for (const table of tables) {
                    perTable[table] = await pending(table);
                }
                const total = Object.values(perTable).reduce((a, b) => a + b, 0);
                samples.push({ t: Number(((at - started) / 1000).toFixed(1)), total, perTable });
            } catch (error) {
                samples.push({ t: Number(((at - started) / 1000).toFixed(1)), error: String(error.message ?? error) });
            }
            await new Promise((resolve) => setTimeout(resolve, Math.max(0, intervalMs - (Date.now() - at))));
        }
    })();
    return {
        mark(name) {
            marks[name] = Number(((Date.now() - started) / 1000).toFixed(1));
        },
        async stop() {
            running = false;
            await loop;
            const counted = samples.filter((s) => s.total !== undefined);
            const max = counted.reduce((best, s) => (s.total > (best?.total ?? -1) ? s : best), null);
            const result = { intervalMs, marks, maxPending: max?.total ?? null, maxPendingAt: max?.t ?? null, samples };
            if (marks.loadEnd !== undefined) {
                const zero = counted.find((s) => s.t >= marks.loadEnd && s.total === 0);
                result.drainedSecondsAfterLoad = zero ? Number((zero.t - marks.loadEnd).toFixed(1)) : null;
                result.pendingAtLoadEnd = counted.filter((s) => s.t <= marks.loadEnd).at(-1)?.total ?? null;
            }
            return result;
        },
    };
}
