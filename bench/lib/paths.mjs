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

export function ensureDir(dir) {
    mkdirSync(dir, { recursive: true });
    return dir;
}
