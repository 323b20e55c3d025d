// Where things are: the repository (bench/ lives at its root), the stack's data and the bench's own files.
import { mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const benchDir = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const repoRoot = resolve(benchDir, '..');
export const dataDir = join(repoRoot, '.data');
/** Generated datasets (ids, login accounts) and the request files handed to wrk; git-ignored. */
export const stateDir = join(benchDir, '.state');
export const resultsDir = join(benchDir, 'results');

export function ensureDir(dir) {
    mkdirSync(dir, { recursive: true });
    return dir;
}
