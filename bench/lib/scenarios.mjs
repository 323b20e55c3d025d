// What each HTTP benchmark sends: the API request through the gateway and, where there is one, the very
// DynamoDB Query the service issues for it (read from the service's repository code), sent straight to
// dynalite as the raw store baseline.
import { EXPERTISE } from './fake.mjs';

const DYNAMO_HEADERS = {
    'X-Amz-Target': 'DynamoDB_20120810.Query',
    'Content-Type': 'application/x-amz-json-1.0',
    // dynalite checks that a SigV4 header is there and well-formed, not the signature
    'X-Amz-Date': '20260101T000000Z',
    Authorization: 'AWS4-HMAC-SHA256 Credential=local/20260101/us-east-1/dynamodb/aws4_request, '
        + 'SignedHeaders=content-type;host;x-amz-date;x-amz-target, Signature=' + '0'.repeat(64),
};
/** Every list endpoint answers one page of the default size. */
const PAGE = 50;
/** How many different callers the "many callers" scenarios cycle through. */
const CALLERS = 50;
const SLOT_LOOKBACK_MS = 4 * 3_600_000; // SlotRepository.MAX_LENGTH
const SLOT_WINDOW_MS = 92 * 86_400_000; // SlotService.MAX_WINDOW

const S = (value) => ({ S: value });
const query = (body) => ({ method: 'POST', path: '/', body, headers: DYNAMO_HEADERS });
const get = (path, token) => ({ method: 'GET', path, headers: { Authorization: `Bearer ${token}` } });

const lightClients = (dataset) => dataset.clients.slice(dataset.heavyClients.length, dataset.heavyClients.length + CALLERS);

/**
 * Each scenario: {title, api(dataset, minter) → requests, raw?(dataset) → requests, rawNote}.
 * Tokens are minted when the scenario runs, so they are valid for its whole run.
 */
export const HTTP_SCENARIOS = {
    'journal-list': {
        title: 'journal list of one heavy client (newest 50)',
        // JournalEntryRepository.entryQuery for the owner: key range over the client's partition, newest first,
        // tombstones filtered out (VISIBLE_ENTRY) and only the entry's fields fetched (ENTRY_FIELDS). Until
        // 2026-12-06 this baseline left out the filter and the projection, which cost dynalite ~10 % of its rate
        // (BENCHMARKS.md, "the raw baseline corrected"); 'journal-list-bare' keeps that old Query for comparison.
        api: (d, m) => [get(`/api/journals/${d.heavyClients[0]}`, m.mint(d.heavyClients[0], 'client').token)],
        raw: (d) => [query(journalEntryQuery(d, true))],
    },
    'journal-list-bare': {
        title: 'journal list of one heavy client (newest 50), against the bare key-range Query (the baseline until 2026-12-06)',
        api: (d, m) => HTTP_SCENARIOS['journal-list'].api(d, m),
        raw: (d) => [query(journalEntryQuery(d, false))],
    },
    conversation: {
        title: 'conversation page of a heavy client with their therapist (newest 50)',
        // MessageRepository.conversation: the pair's partition, newest first, consistent
        api: (d, m) => {
            const client = d.clients.find((c) => c.id === d.heavyClients[0]);
            return [get(`/api/messages?with=${client.therapistId}`, m.mint(client.id, 'client').token)];
        },
        raw: (d) => {
            const client = d.clients.find((c) => c.id === d.heavyClients[0]);
            return [query({
                TableName: 'messaging',
                KeyConditionExpression: 'pk = :pk AND begins_with(sk, :msg)',
                ExpressionAttributeValues: { ':pk': S(conversationKey(client.id, client.therapistId)), ':msg': S('MSG#') },
                ScanIndexForward: false,
                ConsistentRead: true,
                Limit: PAGE,
            })];
        },
    },
    directory: {
        title: 'therapist directory search by expertise (each expertise in turn, 50 per page)',
        // Directory.search with ?expertise=: gsi1 partition EXP#<expertise>#true
        api: (d, m) => lightClients(d).flatMap((c, i) => i < EXPERTISE.length
            ? [get(`/api/therapists?expertise=${encodeURIComponent(EXPERTISE[i])}`, m.mint(c.id, 'client').token)] : []),
        raw: () => EXPERTISE.map((expertise) => query({
            TableName: 'therapists',
            IndexName: 'gsi1',
            KeyConditionExpression: 'gsi1pk = :pk',
            ExpressionAttributeValues: { ':pk': S(`EXP#${expertise}#true`) },
            Limit: PAGE,
        })),
    },
    'open-slots': {
        title: 'open slots of a therapist, asked by a linked client (50 client–therapist pairs in turn)',
        // SlotService.list → SlotRepository.between(now, now + 92 days): consistent key-range Query
        // (the API also checks the link with one GetItem first)
        api: (d, m) => lightClients(d).map((c) => get(`/api/session-slots/${c.therapistId}?status=open`, m.mint(c.id, 'client').token)),
        raw: (d) => {
            const now = Date.now();
            return lightClients(d).map((c) => query({
                TableName: 'scheduling',
                ConsistentRead: true,
                KeyConditionExpression: 'pk = :pk AND sk BETWEEN :from AND :to',
                ExpressionAttributeValues: {
                    ':pk': S(`THER#${c.therapistId}`),
                    ':from': S(`SLOT#${new Date(now - SLOT_LOOKBACK_MS).toISOString()}`),
                    ':to': S(`SLOT#${new Date(now + SLOT_WINDOW_MS).toISOString()}~`),
                },
            }));
        },
    },
    booking: {
        title: 'slot booking: appointment requests from linked clients (each client–slot pair once)',
        rawNote: 'n/a: a booking is several conditional writes, not one Query',
        // Each client may hold 10 pending requests: pairs (client, r-th slot of their therapist), r < 10,
        // ordered round by round so that consecutive requests hit different clients and therapists.
        api: (d, m) => bookingPairs(d).slice(d.bookingCursor, d.bookingCursor + MAX_BOOKINGS_PER_RUN).map(({ clientId, slotId }) => ({
            method: 'POST', path: '/api/appointment-requests', body: { slotId },
            headers: { Authorization: `Bearer ${m.tokenFor(clientId, 'client')}`, 'Content-Type': 'application/json' },
        })),
        consumes: true,
    },
    login: {
        title: 'login (bcrypt at the configured cost) with the accounts made by sign-up',
        rawNote: 'compared with the bcrypt limit instead (node bench/bench.mjs bcrypt)',
        api: (d) => d.loginAccounts.map(({ email, password }) => ({
            method: 'POST', path: '/api/login', body: { email, password }, headers: { 'Content-Type': 'application/json' },
        })),
    },
};

function conversationKey(a, b) {
    return a <= b ? `CONV#${a}#${b}` : `CONV#${b}#${a}`;
}

const MAX_PENDING_PER_CLIENT = 10;
/** More than a 15-second run can send on this machine; the next run starts after the ones sent. */
const MAX_BOOKINGS_PER_RUN = 20_000;

function bookingPairs(dataset) {
    const pairs = [];
    for (let round = 0; round < MAX_PENDING_PER_CLIENT; round++) {
        for (const client of dataset.clients) {
            const slotId = dataset.slots[client.therapistId]?.[round];
            if (slotId) {
                pairs.push({ clientId: client.id, slotId });
            }
        }
    }
    return pairs;
}

/** The Query behind a page of the heavy client's own journal; {@code exact}: with the service's filter and projection. */
function journalEntryQuery(dataset, exact) {
    const request = {
        TableName: 'journal',
        KeyConditionExpression: 'pk = :pk AND sk BETWEEN :from AND :to',
        ExpressionAttributeValues: { ':pk': S(`CLIENT#${dataset.heavyClients[0]}`), ':from': S('ENTRY#'), ':to': S('ENTRY#~') },
        ScanIndexForward: false,
        Limit: PAGE,
    };
    if (!exact) {
        return request;
    }
    return {
        ...request,
        FilterExpression: 'attribute_not_exists(#tombstone) AND attribute_exists(journalEntryId)',
        ProjectionExpression: 'journalEntryId, clientId, content, feeling, intensity, #time, #private, createdAt, updatedAt',
        ExpressionAttributeNames: { '#tombstone': 'outboxDeleteWhenSent', '#time': 'time', '#private': 'private' },
    };
}
