// Prints the initial JavaScript (the entry and what index.html preloads) gzipped and fails the build
// above the budget of issue #16. Lazily loaded page chunks are not part of it.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

const BUDGET = 200 * 1024;
const out = 'target/classes/webapp';
const html = readFileSync(join(out, 'index.html'), 'utf8');

if (/<script(?![^>]*\bsrc=)[^>]*>/i.test(html) || /\sstyle=/i.test(html)) {
  console.error('web-app: index.html has an inline script or style; the CSP forbids both');
  process.exit(1);
}
const initial = new Set();
for (const m of html.matchAll(/<script[^>]*\bsrc="([^"]+\.js)"/g)) initial.add(m[1]);
for (const m of html.matchAll(/<link[^>]*rel="modulepreload"[^>]*href="([^"]+\.js)"/g)) initial.add(m[1]);
if (initial.size === 0) {
  console.error('web-app: no entry script found in index.html');
  process.exit(1);
}
let total = 0;
for (const src of initial) {
  const size = gzipSync(readFileSync(join(out, src.replace(/^\//, '')))).length;
  total += size;
  console.log(`web-app:   ${src} ${(size / 1024).toFixed(1)} KB gzipped`);
}
const all = readdirSync(join(out, 'assets')).filter((f) => f.endsWith('.js')).length;
console.log(`web-app: initial JavaScript ${(total / 1024).toFixed(1)} KB gzipped`
  + ` (budget ${BUDGET / 1024} KB; ${all} chunks in all)`);
if (total > BUDGET) {
  console.error('web-app: initial JavaScript is over budget');
  process.exit(1);
}
