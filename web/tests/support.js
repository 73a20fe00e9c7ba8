// What the browser tests share: the local server, headless Chromium, the page's status,
// the recipes' recorded traces (what a run must add up to), and looking at screenshots.
//
// The tests are run by ctest (web/tests/CMakeLists.txt), which sets:
//   CHAN_WEB_SITE         the built site (<build>/web/site)
//   CHAN_WEB_OUT          where tests write screenshots and numbers
//   CHAN_RECIPES_SOURCE   recipes/ of the source tree
//   CHAN_RECIPE_CHECK     the recipe_check program (recipes/check)
'use strict';

const assert = require('node:assert/strict');
const { spawn, execFile } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');
const { chromium } = require('playwright-core');

const SERVER = path.join(__dirname, '..', 'server.js');

function env(name) {
    const value = process.env[name];
    if (!value) throw new Error(`${name} is not set: run this test through ctest (label web)`);
    return value;
}

const site = () => env('CHAN_WEB_SITE');
const outDir = () => {
    const dir = env('CHAN_WEB_OUT');
    fs.mkdirSync(dir, { recursive: true });
    return dir;
};

// ---- the server ----

// Starts web/server.js on a free port; resolves to {url, stop(), output()}.
function startServer(extraArgs = []) {
    return new Promise((resolve, reject) => {
        const child = spawn(process.execPath, [SERVER, '--root', site(), '--port', '0', ...extraArgs],
            { stdio: ['ignore', 'pipe', 'pipe'] });
        let output = '';
        const onData = (chunk) => {
            output += chunk;
            const m = /at (http:\/\/\S+\/)/.exec(output);
            if (m) {
                child.stdout.off('data', onData);
                resolve({ url: m[1], stop: () => child.kill(), output: () => output });
            }
        };
        child.stdout.on('data', onData);
        child.stderr.on('data', (chunk) => { output += chunk; });
        child.on('exit', (code) => reject(new Error(`server exited (${code}): ${output}`)));
    });
}

// ---- the browser ----

// The flags that let Debian's Chromium run headless here (see the toolchain notes):
// no sandbox in containers, no network beyond the local server, WebGL 2 through
// SwiftShader.
const CHROMIUM_ARGS = [
    '--no-sandbox', '--disable-quic', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync', '--enable-unsafe-swiftshader', '--use-angle=swiftshader',
];

function launchBrowser() {
    return chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS, headless: true });
}

// A page whose console errors and uncaught exceptions are collected: a test that
// ignores them would miss a module that crashed.
async function openPage(context) {
    const page = await context.newPage();
    const problems = [];
    page.on('console', (message) => {
        if (message.type() === 'error') problems.push(`console error: ${message.text()}`);
    });
    page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
    page.on('crash', () => problems.push('the page crashed'));
    await page.setViewportSize({ width: 1280, height: 800 });
    return { page, problems };
}

// Keys are held for a while, as a person's are: the visualizer's ImGui 1.86 reads
// which keys are down once per frame, so a press and release within one frame (what
// page.keyboard.press does by default) would go unseen.
const HOLD = { delay: 100 };

function assertNoProblems(problems, what) {
    assert.deepEqual(problems, [], `${what}: the page reported problems`);
}

// Waits until `predicate(window.cookbookStatus)` holds (its source is sent to the page),
// failing early if the page fails.
async function waitForStatus(page, predicate, { timeout = 60000, what = 'the page' } = {}) {
    try {
        await page.waitForFunction(
            (source) => {
                const s = window.cookbookStatus;
                if (s && s.page === 'failed') return true;
                return s && new Function('s', `return (${source})(s);`)(s);
            },
            predicate.toString(), { timeout, polling: 50 });
    } catch (error) {
        const s = await page.evaluate(() => window.cookbookStatus).catch(() => null);
        throw new Error(`${what}: ${error.message}\nstatus: ${JSON.stringify(s)}`);
    }
    const s = await status(page);
    assert.notEqual(s.page, 'failed', `${what}: ${s.failure}`);
    return s;
}

const status = (page) => page.evaluate(() => ({ ...window.cookbookStatus }));

// ---- what a run must add up to ----

// Counts a trace file's events the way its format describes them (every record with
// args.ev carries one event, args.done one more, args.then the rest): all of them,
// those that say an operation blocked, delivered messages (flow ends, `f`), and the
// exits of the thread named "main"; and whether timing decided anything (a timer
// fired, a select chose among ready arms, an operation timed out).
function countTrace(file) {
    const { traceEvents } = JSON.parse(fs.readFileSync(file, 'utf8'));
    const mainTids = new Set(traceEvents.filter((r) => r.name === 'thread_name' && r.args && r.args.name === 'main')
        .map((r) => r.tid));
    let events = 0, waits = 0, messages = 0, mainExits = 0, timed = false;
    const count = (e, record) => {
        events += 1;
        if (/_blocked$/.test(e.ev || '')) waits += 1;
        if (e.ev === 'thread_exited' && mainTids.has(record.tid)) mainExits += 1;
        if (e.ev === 'timer_fired' || /^select_/.test(e.ev || '') || e.d === 'timeout') timed = true;
    };
    for (const record of traceEvents) {
        const args = record.args || {};
        if ('ev' in args) count(args, record);
        if ('done' in args) count(args.done, record);
        for (const then of args.then || []) count(then, record);
        if (record.ph === 'f') messages += 1;
    }
    return { events, waits, messages, mainExits, timed };
}

// The recipes the site has recordings of (every recipe), in name order.
function recipeNames() {
    return fs.readdirSync(path.join(site(), 'traces'))
        .filter((f) => f.endsWith('.json'))
        .map((f) => f.replace(/\.json$/, ''))
        .sort();
}

// What every run of `name` in the page adds up to, from the run recorded natively at
// build time: its messages, and its events other than waits (only waits depend on
// timing). The native program's main thread exits with the process, which records it;
// in the page, the recipe's main is a function the visualizer calls on a thread that
// outlives the run, so the run has no such exit.
function expectedCounts(name) {
    const c = countTrace(path.join(site(), 'traces', `${name}.json`));
    return { messages: c.messages, steadyEvents: c.events - c.waits - c.mainExits, timed: c.timed };
}

// Where timing decided what happened (how many ticks fit in a pause, which arm of a
// select was ready first), another run has other counts: then the run must have
// delivered messages if the recording did, and its output must keep what the recipe's
// opening comment promises (checkOutput).
function assertRunAddsUp(s, name) {
    const expected = expectedCounts(name);
    if (expected.timed) {
        assert.ok(s.events > 0, `${name}: events recorded`);
        assert.equal(s.messages > 0, expected.messages > 0, `${name}: messages delivered (${s.messages})`);
        return;
    }
    assert.equal(s.messages, expected.messages, `${name}: messages delivered`);
    assert.equal(s.events - s.waits, expected.steadyEvents, `${name}: events other than waits`);
}

// Checks what a run printed against its recipe's opening comment with recipe_check,
// replaying the output as a program that takes as long as the run did.
function checkOutput(name, output, seconds) {
    const source = findRecipeSource(name);
    const file = path.join(outDir(), `${name}.output.txt`);
    fs.writeFileSync(file, output);
    return new Promise((resolve) => {
        execFile(env('CHAN_RECIPE_CHECK'),
            ['--source', source, '--', '/bin/sh', '-c', 'sleep "$0"; cat "$1"', String(seconds), file],
            (error, stdout, stderr) => resolve({ ok: !error, report: `${stdout}${stderr}` }));
    });
}

function findRecipeSource(name) {
    const root = env('CHAN_RECIPES_SOURCE');
    for (const topic of fs.readdirSync(root)) {
        const file = path.join(root, topic, `${name}.cpp`);
        if (fs.existsSync(file)) return file;
    }
    throw new Error(`no source file recipes/*/${name}.cpp`);
}

// ---- screenshots ----

// Saves a screenshot of the page, or of one of its elements (a frame), and measures it
// in the page itself (the browser decodes the PNG): how many distinct colours it has
// and what share of its pixels differ from the most common colour (the background).
async function screenshot(page, name, element = page) {
    const file = path.join(outDir(), `${name}.png`);
    const png = await element.screenshot({ path: file });
    const stats = await page.evaluate(async (data) => {
        const image = new Image();
        image.src = `data:image/png;base64,${data}`;
        await image.decode();
        const c = new OffscreenCanvas(image.width, image.height);
        const g = c.getContext('2d');
        g.drawImage(image, 0, 0);
        const pixels = new Uint32Array(g.getImageData(0, 0, image.width, image.height).data.buffer);
        const counts = new Map();
        for (const p of pixels) counts.set(p, (counts.get(p) || 0) + 1);
        const background = Math.max(...counts.values());
        return { colours: counts.size, busy: 1 - background / pixels.length };
    }, png.toString('base64'));
    return { file, ...stats };
}

function assertNotBlank(shot) {
    assert.ok(shot.colours >= 32 && shot.busy >= 0.05,
        `${shot.file} looks blank: ${shot.colours} colours, ${(shot.busy * 100).toFixed(1)}% not background`);
}

module.exports = {
    startServer, launchBrowser, openPage, assertNoProblems, waitForStatus, status,
    countTrace, recipeNames, expectedCounts, assertRunAddsUp, checkOutput, screenshot, assertNotBlank,
    outDir, site, HOLD,
};
