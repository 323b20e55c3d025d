// The record of a generated dataset (ids, who is linked to whom, login accounts), written by generate.mjs
// and read by bench.mjs, one file per scale under bench/.state/.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { ensureDir, stateDir } from './paths.mjs';

/** The sizes of the two scales the issue asks for; any size can be overridden on the command line. */
export const SCALES = {
    '10k': { therapists: 100, clients: 1_000, entries: 10_000, messages: 10_000, slots: 2_000 },
    '100k': { therapists: 1_000, clients: 10_000, entries: 100_000, messages: 100_000, slots: 20_000 },
};

export function datasetFile(scale) {
    return join(stateDir, `dataset-${scale}.json`);
}

export function loadDataset(scale) {
    const file = datasetFile(scale);
    if (!existsSync(file)) {
        throw new Error(`no dataset for scale ${scale}: run "node bench/generate.mjs --scale ${scale}" first`);
    }
    return JSON.parse(readFileSync(file, 'utf8'));
}

export function saveDataset(dataset) {
    ensureDir(stateDir);
    writeFileSync(datasetFile(dataset.scale), JSON.stringify(dataset));
}

/** Parses "--name value" pairs (and bare "--flag") into an object; the first bare word is the command. */
export function parseArgs(argv) {
    const options = { _: [] };
    for (let i = 0; i < argv.length; i++) {
        if (argv[i].startsWith('--')) {
            const name = argv[i].slice(2);
            const value = argv[i + 1] !== undefined && !argv[i + 1].startsWith('--') ? argv[++i] : 'true';
            options[name] = value;
        } else {
            options._.push(argv[i]);
        }
    }
    return options;
}
