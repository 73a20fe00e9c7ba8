// The browser version served WITHOUT the isolation headers, as static hosting such as
// GitHub Pages serves it:
//   - with service workers allowed, coi-serviceworker.js adds the headers: the page
//     reloads once, is then cross-origin isolated, and a recipe runs on threads;
//   - with service workers blocked as well, no isolation is possible: the page says why
//     threads are off and replays the trace recorded at build time.
'use strict';

const assert = require('node:assert/strict');
const path = require('node:path');
const test = require('node:test');

const support = require('./support');

const { HOLD } = support;

let server, browser;

test.before(async () => {
    server = await support.startServer(['--no-isolation']);
    browser = await support.launchBrowser();
});

test.after(async () => {
    if (browser) await browser.close();
    if (server) server.stop();
});

test('static hosting: the service worker isolates the page after one reload, and a recipe runs', async () => {
    const context = await browser.newContext();
    const { page, problems } = await support.openPage(context);
    const loads = [];
    page.on('load', () => loads.push(page.url()));
    await page.goto(`${server.url}?recipe=two_producers`);
    const s = await support.waitForStatus(page, (s) => s.page === 'ready' && s.ended === true && s.activity === 'idle',
        { what: 'two_producers under the service worker', timeout: 90000 });
    assert.equal(s.isolated, true, 'isolated once the service worker controls the page');
    assert.equal(s.mode, 'threads');
    assert.equal(loads.length, 2, 'the page reloaded exactly once');
    assert.equal(await page.evaluate(() => navigator.serviceWorker.controller !== null), true);
    assert.equal(s.exitCode, 0);
    support.assertRunAddsUp(s, 'two_producers');
    support.assertNotBlank(await support.screenshot(page, 'static-hosting'));
    support.assertNoProblems(problems, 'static hosting');
    await context.close();
});

test('no isolation at all: the page says why threads are off and replays a recorded trace', async () => {
    const context = await browser.newContext({ serviceWorkers: 'block' });
    const { page, problems } = await support.openPage(context);
    await page.goto(`${server.url}?recipe=worker_pool`);
    const s = await support.waitForStatus(page,
        (s) => s.page === 'ready' && s.fromFile === true && s.activity === 'idle',
        { what: 'worker_pool replayed' });
    assert.equal(s.isolated, false);
    assert.equal(s.mode, 'replay');
    assert.equal(await page.evaluate(() => typeof SharedArrayBuffer), 'undefined');
    assert.match(s.threadsOffReason, /service worker/);
    const notice = await page.textContent('#notice');
    assert.match(notice, /^Threads are off because .*service worker/);
    assert.match(notice, /replays the run recorded when the cookbook was built/);
    assert.match(await page.textContent('#mode'), /replay/);

    // The recording itself, exactly: every event, wait and message of the native run.
    assert.equal(s.recipe, 'worker_pool');
    assert.match(s.title, /^worker_pool \(recorded/);
    const recorded = support.countTrace(path.join(support.site(), 'traces', 'worker_pool.json'));
    assert.deepEqual([s.events, s.waits, s.messages], [recorded.events, recorded.waits, recorded.messages]);
    const output = await page.evaluate(() => window.cookbookPage.output());
    assert.match(output, /^all 5 jobs done$/m, 'the recorded output is shown with the replay');

    await page.focus('#canvas');
    await page.keyboard.press('End', HOLD);
    await support.waitForStatus(page, (s) => s.atEnd === true, { what: 'End in the replay' });
    support.assertNotBlank(await support.screenshot(page, 'replay'));

    // Other knob values would need a real run: the page says so instead of pretending.
    await page.fill('#knobs input[name="workers"]', '2');
    await page.press('#knobs input[name="workers"]', 'Enter');
    const refused = await support.waitForStatus(page, (s) => s.error !== '', { what: 'a knob in replay mode' });
    assert.match(refused.error, /default settings/);
    support.assertNoProblems(problems, 'replay');
    await context.close();
});
