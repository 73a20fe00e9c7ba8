// The browser version served with the isolation headers (web/server.js), in headless
// Chromium: the page is cross-origin isolated and runs recipes on real threads; every
// recipe opened from its deep link runs to its end, adds up to what its native run
// recorded, prints what its opening comment promises, and draws a scene; the keyboard
// drives it; trace files open by file picker and by drag and drop, and a malformed one
// gets an error. Writes screenshots and numbers (numbers.json) to CHAN_WEB_OUT.
'use strict';

const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const test = require('node:test');

const support = require('./support');

const { HOLD } = support;

let server, browser, context;
const numbers = { firstFrameMs: [], framesPerSecond: null };

test.before(async () => {
    server = await support.startServer();
    browser = await support.launchBrowser();
    context = await browser.newContext();
});

// The download a visitor waits for, per build: bytes of each file, before compression.
function buildSizes() {
    const sizes = {};
    for (const build of ['threads', 'replay']) {
        const dir = path.join(support.site(), build);
        sizes[build] = Object.fromEntries(fs.readdirSync(dir).sort().map((f) => [f, fs.statSync(path.join(dir, f)).size]));
    }
    return sizes;
}

test.after(async () => {
    if (browser) await browser.close();
    if (server) server.stop();
    const times = [...numbers.firstFrameMs].sort((a, b) => a - b);
    const report = {
        ...numbers,
        firstFrameMedianMs: times.length ? times[Math.floor(times.length / 2)] : null,
        bytes: buildSizes(),
    };
    fs.writeFileSync(path.join(support.outDir(), 'numbers.json'), `${JSON.stringify(report, null, 2)}\n`);
    console.log(`numbers: ${JSON.stringify(report)}`);
});

// Opens `query` (a deep link) and waits for the first frame.
async function open(query) {
    const { page, problems } = await support.openPage(context);
    await page.goto(`${server.url}${query}`);
    const s = await support.waitForStatus(page, (s) => s.page === 'ready', { what: query });
    numbers.firstFrameMs.push(Math.round(s.firstFrameMs));
    return { page, problems };
}

async function endOfRun(page, name) {
    return support.waitForStatus(page, (s) => s.ended === true && s.activity === 'idle',
        { what: `${name}: the run ends`, timeout: 90000 });
}

test('the page is cross-origin isolated, runs on threads, and draws without errors', async () => {
    const { page, problems } = await open('');
    const s = await support.status(page);
    assert.equal(s.isolated, true);
    assert.equal(s.mode, 'threads');
    assert.equal(await page.evaluate(() => typeof SharedArrayBuffer), 'function');
    assert.equal(await page.isVisible('#recipe-list'), true, 'with no recipe asked for, the list shows');
    const shot = await support.screenshot(page, 'start-page');
    support.assertNotBlank(shot);
    support.assertNoProblems(problems, 'the start page');
    await page.close();
});

test('every recipe runs from its deep link to the end', async (t) => {
    for (const name of support.recipeNames()) {
        await t.test(name, async () => {
            const { page, problems } = await open(`?recipe=${name}`);
            const s = await endOfRun(page, name);
            assert.equal(s.recipe, name);
            assert.equal(s.exitCode, 0, `${name}: exit status (${s.runError})`);
            assert.equal(s.runError, '');
            assert.equal(s.interrupted, false, `${name} was interrupted`);
            support.assertRunAddsUp(s, name);

            const output = await page.evaluate(() => window.cookbookPage.output());
            const checked = await support.checkOutput(name, output, s.recordedSeconds);
            assert.ok(checked.ok, `${name}: its output breaks its opening comment:\n${checked.report}`);

            await page.focus('#canvas');
            await page.keyboard.press('End', HOLD);
            await support.waitForStatus(page, (s) => s.atEnd === true, { what: `${name}: End key` });
            support.assertNotBlank(await support.screenshot(page, name));
            support.assertNoProblems(problems, name);
            await page.close();
        });
    }
});

test('the keyboard drives playback, and Tab leaves the canvas', async () => {
    const { page, problems } = await open('?recipe=worker_pool');
    await endOfRun(page, 'worker_pool');
    await page.focus('#canvas');
    await page.keyboard.press('Home', HOLD);
    await support.waitForStatus(page, (s) => s.event <= 0 && !s.playing, { what: 'Home' });
    const before = (await support.status(page)).event;
    // At the start the picture has not yet shown event 0 happen: the first step forward
    // finishes it (the status still says event 0), the second moves on to event 1.
    await page.keyboard.press('ArrowRight', HOLD);
    await page.keyboard.press('ArrowRight', HOLD);
    await support.waitForStatus(page, new Function('s', `return s.event === ${before + 1};`), { what: 'ArrowRight' });
    const narration = await page.textContent('#narration');
    assert.ok(narration.length > 0, 'the narration is mirrored into the page');
    assert.equal(narration, (await support.status(page)).narration);

    // The page's own buttons do the same, and keys pressed on them do not reach the canvas.
    await page.focus('[data-action="step-forward"]');
    await page.keyboard.press('Enter', HOLD);
    await support.waitForStatus(page, new Function('s', `return s.event === ${before + 2};`), { what: 'Next button' });
    await page.keyboard.press('Space', HOLD);  // activates the button: one more step, and no play
    await support.waitForStatus(page, new Function('s', `return s.event === ${before + 3};`), { what: 'Space on button' });
    assert.equal((await support.status(page)).playing, false, 'Space on a page button must not toggle play');

    await page.focus('#canvas');
    await page.keyboard.press('Shift+Tab', HOLD);
    assert.notEqual(await page.evaluate(() => document.activeElement.id), 'canvas', 'Shift+Tab leaves the canvas');
    support.assertNoProblems(problems, 'keyboard');
    await page.close();
});

test('knobs set in the page run the recipe again, and the address follows', async () => {
    const { page, problems } = await open('?recipe=worker_pool');
    await endOfRun(page, 'worker_pool');
    await page.fill('#knobs input[name="workers"]', '5');
    await page.press('#knobs input[name="workers"]', 'Enter');
    const s = await support.waitForStatus(page,
        (s) => s.title === 'worker_pool --workers 5' && s.ended === true && s.activity === 'idle',
        { what: 'run again with --workers 5' });
    assert.equal(s.threads, 6, 'main and five workers');
    assert.match(page.url(), /\?recipe=worker_pool&workers=5$/);
    support.assertNoProblems(problems, 'knobs');
    await page.close();
});

test('the largest run fits the thread pool: actor --clients 50', async () => {
    const { page, problems } = await open('?recipe=actor&clients=50');
    const s = await endOfRun(page, 'actor --clients 50');
    assert.equal(s.exitCode, 0);
    assert.equal(s.threads, 52, 'main, the counter and 50 clients');
    assert.equal(s.messages, 100, 'a request and a reply per client');
    support.assertNoProblems(problems, 'actor --clients 50');
    await page.close();
});

test('an unknown recipe shows the recipe list and a notice', async () => {
    const { page, problems } = await open('?recipe=no_such_recipe');
    // The first frame can come before the module has looked the name up.
    await support.waitForStatus(page, (s) => s.link === 'refused', { what: 'no_such_recipe refused' });
    assert.equal(await page.isVisible('#recipe-list'), true);
    assert.match(await page.textContent('#notice'), /There is no recipe named 'no_such_recipe'/);
    const links = await page.$$eval('#recipe-list a', (as) => as.map((a) => a.getAttribute('href')));
    assert.deepEqual(links.map((h) => h.replace('?recipe=', '')).sort(), support.recipeNames());
    await page.click('#recipe-list a[href="?recipe=closing"]');
    await endOfRun(page, 'closing, picked from the list');
    assert.equal(await page.isVisible('#recipe-list'), false);
    support.assertNoProblems(problems, 'unknown recipe');
    await page.close();
});

test('trace files open from the file picker and by drag and drop; a malformed one gets an error', async () => {
    const { page, problems } = await open('');
    const trace = path.join(support.site(), 'traces', 'pipeline.json');
    await page.setInputFiles('#trace-file', trace);
    let s = await support.waitForStatus(page, (s) => s.fromFile === true && s.title === 'pipeline.json',
        { what: 'file picker' });
    const expected = support.countTrace(trace);
    assert.deepEqual([s.events, s.waits, s.messages], [expected.events, expected.waits, expected.messages]);
    assert.equal(s.recipe, '', 'opening a file does not choose a recipe');

    const drop = async (name, text) => page.evaluate(([name, text]) => {
        const data = new DataTransfer();
        data.items.add(new File([text], name, { type: 'application/json' }));
        window.dispatchEvent(new DragEvent('drop', { dataTransfer: data, bubbles: true, cancelable: true }));
    }, [name, text]);
    await drop('lagging.json', fs.readFileSync(path.join(support.site(), 'traces', 'lagging.json'), 'utf8'));
    s = await support.waitForStatus(page, (s) => s.title === 'lagging.json', { what: 'drag and drop' });
    assert.equal(s.messages, support.countTrace(path.join(support.site(), 'traces', 'lagging.json')).messages);

    await drop('broken.json', '{"traceEvents": [{"ph": "X", "args": {"ev": "no_such_kind"}}');
    s = await support.waitForStatus(page, (s) => s.error !== '', { what: 'malformed file' });
    assert.match(s.error, /broken\.json/);
    assert.equal(s.title, 'lagging.json', 'a bad file leaves what is on screen');
    assert.match(await page.textContent('#run-status'), /Problem: .*broken\.json/);
    support.assertNotBlank(await support.screenshot(page, 'malformed-trace'));
    support.assertNoProblems(problems, 'trace files');
    await page.close();
});

test('frames per second while a recipe plays', async () => {
    const { page, problems } = await open('?recipe=graceful_shutdown');
    await endOfRun(page, 'graceful_shutdown');
    await page.focus('#canvas');
    await page.keyboard.press('Home', HOLD);
    await page.keyboard.press('Space', HOLD);
    await support.waitForStatus(page, (s) => s.playing === true, { what: 'playing' });
    const first = await page.evaluate(() => [window.cookbookPage.frames(), performance.now()]);
    await page.waitForTimeout(3000);
    const last = await page.evaluate(() => [window.cookbookPage.frames(), performance.now()]);
    assert.equal((await support.status(page)).playing, true, 'still playing at the end of the measurement');
    numbers.framesPerSecond = Math.round((last[0] - first[0]) / ((last[1] - first[1]) / 1000));
    assert.ok(numbers.framesPerSecond > 0, 'frames are drawn while playing');
    support.assertNotBlank(await support.screenshot(page, 'playing'));
    support.assertNoProblems(problems, 'playing');
    await page.close();
});
