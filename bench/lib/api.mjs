// A small client of the public REST API (through the gateway), with the retries a bulk load needs.
const RETRIES = 5;

export class ApiError extends Error {
    constructor(method, path, status, body) {
        super(`${method} ${path} → ${status} ${body.slice(0, 300)}`);
        this.status = status;
    }
}

const sleep = (ms) => new Promise((done) => setTimeout(done, ms));

export class Api {
    constructor(baseUrl = process.env.BENCH_API_URL ?? 'http://127.0.0.1:8080') {
        this.baseUrl = baseUrl;
    }

    /**
     * Sends one request and returns the parsed JSON body (null for 204). Connection failures, 5xx and 429
     * are retried with backoff; {@code retryOn} adds statuses worth waiting out (e.g. 403 while a link
     * projection catches up). Anything else throws an ApiError.
     */
    async call(method, path, { token, body, retryOn = [] } = {}) {
        for (let attempt = 1; ; attempt++) {
            let status;
            let text;
            try {
                const response = await fetch(this.baseUrl + path, {
                    method,
                    headers: {
                        ...(token ? { authorization: `Bearer ${token}` } : {}),
                        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
                    },
                    body: body !== undefined ? JSON.stringify(body) : undefined,
                });
                status = response.status;
                text = await response.text();
            } catch (networkError) {
                if (attempt >= RETRIES) {
                    throw networkError;
                }
                await sleep(200 * 2 ** attempt);
                continue;
            }
            if (status < 300) {
                return text ? JSON.parse(text) : null;
            }
            const transient = status >= 500 || status === 429 || retryOn.includes(status);
            if (!transient || attempt >= RETRIES) {
                throw new ApiError(method, path, status, text);
            }
            await sleep(200 * 2 ** attempt);
        }
    }
}

/**
 * Runs {@code work(item, index)} over {@code items} with at most {@code concurrency} calls in flight,
 * ticking {@code progress} after each one. Failures are counted (the first few printed and returned), not fatal:
 * a load of 100,000 rows should not stop for one bad request.
 */
export async function forEachConcurrently(items, concurrency, work, progress) {
    let next = 0;
    let failures = 0;
    const firstFailures = [];
    const results = new Array(items.length);
    async function worker() {
        while (next < items.length) {
            const index = next++;
            try {
                results[index] = await work(items[index], index);
            } catch (error) {
                failures++;
                if (failures <= 5) {
                    firstFailures.push(error.message);
                    progress?.note(`failed: ${error.message}`);
                }
            }
            progress?.tick();
        }
    }
    await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, worker));
    return { results, failures, firstFailures };
}
