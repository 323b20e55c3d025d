// Where things are: the repository (bench/ lives at its root), the stack's data and the bench's own files.
import { mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const benchDir = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const repoRoot = resolve(benchDir, '..');
/** The stack's data: .data/, or the directory given to ./run --data-dir (BENCH_DATA_DIR). */
export const dataDir = process.env.BENCH_DATA_DIR ? resolve(process.env.BENCH_DATA_DIR) : join(repoRoot, '.data');
/** Generated datasets (ids, login accounts) and the request files handed to wrk; git-ignored. */
export const stateDir = join(benchDir, '.state');
export const resultsDir = join(benchDir, 'results');

/** The stack's Kafka broker (BENCH_KAFKA for a stack on shifted ports). */
export const KAFKA = process.env.BENCH_KAFKA ?? '127.0.0.1:9092';

/**
 * The class path of a built service (its quarkus-app's main and boot libraries), for the bench's single-file Java
 * programs that use the service's own code or its Kafka client. lib/boot holds jboss-logging, which the platform's
 * outbox needs since it reads the OpenTelemetry context (issue #20).
 */
export function serviceClassPath(module) {
    const lib = join(repoRoot, module, 'target', 'quarkus-app', 'lib');
    return [join(lib, 'main', '*'), join(lib, 'boot', '*')].join(':');
}

export function ensureDir(dir) {
    mkdirSync(dir, { recursive: true });
    return dir;
}
