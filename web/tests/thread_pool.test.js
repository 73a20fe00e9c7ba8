// The threaded browser build keeps a fixed pool of Web Workers (thread_pool.cmake): a
// recipe that starts more threads than the pool holds would wait forever in the browser.
// This runs every recipe natively with its knobs turned up as far as they go (the
// pauses, knobs named *-ms, down instead, to keep it quick) and counts the threads its
// trace shows. Environment (set by ctest): CHAN_RECIPES_BIN (the recipes' programs and
// nothing else), CHAN_WEB_THREAD_POOL,
// CHAN_WEB_OWN_THREADS.
'use strict';

const assert = require('node:assert/strict');
const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const test = require('node:test');

// The knobs `--help` lists: "  --workers N  worker threads (default 3, 1 to 8)".
function knobs(program) {
    const help = execFileSync(program, ['--help'], { encoding: 'utf8' });
    return [...help.matchAll(/^\s+--(\S+) N .*\(default -?\d+, (-?\d+) to (-?\d+)\)$/gm)]
        .map(([, name, min, max]) => ({ name, min, max }));
}

function threadsInTrace(file) {
    const { traceEvents } = JSON.parse(fs.readFileSync(file, 'utf8'));
    return new Set(traceEvents.filter((e) => e.pid === 1 && e.name !== 'process_name').map((e) => e.tid)).size;
}

test('no recipe starts more threads than the browser build has workers for', () => {
    const bin = process.env.CHAN_RECIPES_BIN;
    const pool = Number(process.env.CHAN_WEB_THREAD_POOL);
    const own = Number(process.env.CHAN_WEB_OWN_THREADS);
    assert.ok(bin && pool > 0 && own >= 0, 'run through ctest: CHAN_RECIPES_BIN, CHAN_WEB_THREAD_POOL, CHAN_WEB_OWN_THREADS');
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cookbook-pool-'));
    let largest = { name: '', threads: 0 };
    for (const name of fs.readdirSync(bin).sort()) {
        const program = path.join(bin, name);
        const args = knobs(program).flatMap((k) => [`--${k.name}`, k.name.endsWith('-ms') ? k.min : k.max]);
        const trace = path.join(dir, `${name}.json`);
        execFileSync(program, args, { env: { ...process.env, CHAN_TRACE: trace }, stdio: 'ignore', timeout: 60000 });
        const threads = threadsInTrace(trace);
        if (threads > largest.threads) largest = { name: `${name} ${args.join(' ')}`, threads };
    }
    assert.ok(largest.threads + own <= pool,
        `${largest.name} starts ${largest.threads} threads; with the visualizer's ${own} that is more than ` +
        `the ${pool} workers of visualizer/platform/web/thread_pool.cmake`);
    console.log(`largest run: ${largest.name}: ${largest.threads} threads (pool ${pool}, ${own} kept for the visualizer)`);
});
