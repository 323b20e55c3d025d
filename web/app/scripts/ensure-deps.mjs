// Runs `npm ci` only when node_modules was not installed from the current package-lock.json, so that
// repeated Maven builds do not reinstall. The marker is written only after a successful install.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';

const lock = readFileSync('package-lock.json');
const digest = createHash('sha256').update(lock).digest('hex');
const marker = 'node_modules/.tms-lock-sha256';

if (existsSync(marker) && readFileSync(marker, 'utf8').trim() === digest) {
  console.log('web-app: node_modules matches package-lock.json, npm ci skipped');
  process.exit(0);
}
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const result = spawnSync(npm, ['ci', '--no-audit', '--no-fund'], { stdio: 'inherit' });
if (result.status !== 0) {
  process.exit(result.status ?? 1);
}
writeFileSync(marker, digest + '\n');
