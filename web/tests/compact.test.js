// The page in small places, served with the isolation headers (web/server.js):
//   - at a phone's width (390 x 844 CSS pixels) the scene takes the width, with a
//     usable height, and the panels go under it or behind tabs: the full page and the
//     embedded one;
//   - embedded (?recipe=NAME&embed) in a frame of a book page, as the book shows it:
//     the recipe runs to its end on threads, without errors, and "Open full screen"
//     opens the same recipe as the whole page;
//   - an unknown recipe in a frame says so instead of leaving the frame blank.
// Where the scene is comes from the module's status (window.cookbookStatus.scene, in
// CSS pixels of the canvas). Screenshots go to CHAN_WEB_OUT: phone-full.png,
// phone-embed.png, embed-720x480.png, embed-unknown.png.
'use strict';

const assert = require('node:assert/strict');
const test = require('node:test');

const support = require('./support');

const PHONE = { width: 390, height: 844 };
const FRAME = { width: 720, height: 480 };

let server, browser, context;

test.before(async () => {
    server = await support.startServer();
    browser = await support.launchBrowser();
    context = await browser.newContext();
});

test.after(async () => {
    if (browser) await browser.close();
    if (server) server.stop();
});

async function endOfRun(target, what) {
    return support.waitForStatus(target, (s) => s.page === 'ready' && s.ended === true && s.activity === 'idle',
        { what: `${what}: the run ends`, timeout: 90000 });
}

// The scene's rectangle once the window has been laid out for its size: a status
// written before the canvas had its final size may still be on its way.
async function sceneOf(target, width, what) {
    return support.waitForStatus(target, new Function('s', `return s.window && s.window.width === ${width};`),
        { what: `${what}: laid out for ${width} px` });
}

// Pauses halfway through the run, where the scene is busy: the screenshots show more
// than the start's lone main thread. With the page's own playback buttons.
async function showHalfway(target) {
    const { events } = await support.status(target);
    await target.evaluate((steps) => {
        const press = (action) => document.querySelector(`#playback [data-action="${action}"]`).click();
        press('start');
        for (let i = 0; i < steps; ++i) press('step-forward');
    }, Math.floor(events / 2));
    return support.waitForStatus(target, new Function('s', `return !s.playing && s.event >= ${Math.floor(events / 2) - 1};`),
        { what: 'halfway through the run' });
}

function assertUsableScene(s, viewport, what) {
    assert.ok(s.scene.width >= 0.9 * viewport.width,
        `${what}: the scene is ${s.scene.width} px wide in a ${viewport.width} px window`);
    assert.ok(s.scene.height >= 250, `${what}: the scene is ${s.scene.height} px tall`);
    assert.notEqual(s.layout, 'wide', `${what}: a narrow window is not laid out side by side`);
}

for (const [name, query] of [['phone-full', '?recipe=worker_pool'], ['phone-embed', '?recipe=worker_pool&embed']]) {
    test(`at a phone's width the scene keeps a usable size: ${query}`, async () => {
        const { page, problems } = await support.openPage(context);
        await page.setViewportSize(PHONE);
        await page.goto(`${server.url}${query}`);
        await endOfRun(page, name);
        const s = await sceneOf(page, PHONE.width, name);
        assertUsableScene(s, PHONE, name);
        await showHalfway(page);
        support.assertNotBlank(await support.screenshot(page, name));
        support.assertNoProblems(problems, name);
        await page.close();
    });
}

// A page of the book, as the book embeds the visualizer, served from the site's origin.
// With the isolation headers, as the combined site serves its pages, the frame can be
// isolated too and run the recipe on threads; without, it cannot.
const BOOK_PAGE = 'book-page-for-tests.html';
function bookPage(frameQuery) {
    return `<!doctype html><html><head><meta charset="utf-8"><title>A recipe</title>
<style>body { margin: 0; background: #fff; } iframe { border: 0; display: block; }</style></head>
<body><iframe id="viz" src="./${frameQuery}" width="${FRAME.width}" height="${FRAME.height}"></iframe></body></html>`;
}

async function openBookPage(frameQuery, { isolated = true, inContext = context } = {}) {
    const { page, problems } = await support.openPage(inContext);
    await page.setViewportSize({ width: FRAME.width + 80, height: FRAME.height + 120 });
    const headers = { 'Cross-Origin-Opener-Policy': 'same-origin', 'Cross-Origin-Embedder-Policy': 'require-corp' };
    await page.route(`${server.url}${BOOK_PAGE}`, (route) => route.fulfill({
        contentType: 'text/html; charset=utf-8',
        headers: isolated ? headers : {},
        body: bookPage(frameQuery),
    }));
    await page.goto(`${server.url}${BOOK_PAGE}`);
    const frame = await (await page.waitForSelector('#viz')).contentFrame();
    return { page, frame, problems };
}

test('embedded in a frame of a book page, a recipe runs to its end, and full screen opens it whole', async () => {
    const { page, frame, problems } = await openBookPage('?recipe=worker_pool&embed');
    const s = await endOfRun(frame, 'worker_pool in a frame');
    assert.equal(s.mode, 'threads', `the frame runs recipes on threads (${s.threadsOffReason})`);
    assert.equal(s.recipe, 'worker_pool');
    assert.equal(s.exitCode, 0, `exit status (${s.runError})`);
    support.assertRunAddsUp(s, 'worker_pool');
    assert.equal(await frame.isVisible('h1'), false, 'no big header in a frame');
    assert.equal(await frame.isVisible('#recipe-list'), false);
    const placed = await sceneOf(frame, FRAME.width, 'worker_pool in a frame');
    assert.ok(placed.scene.width >= 0.9 * FRAME.width, `the scene is ${placed.scene.width} px wide`);

    const link = await frame.$('#full-screen');
    assert.equal(await link.isVisible(), true, 'the full-screen link shows');
    assert.equal(await link.getAttribute('target'), '_top');
    const href = await link.evaluate((a) => a.href);
    assert.equal(href, `${server.url}?recipe=worker_pool`, 'full screen: the same address without embed');

    await showHalfway(frame);
    const shot = await support.screenshot(page, 'embed-720x480', await page.$('#viz'));
    support.assertNotBlank(shot);
    support.assertNoProblems(problems, 'worker_pool in a frame');

    await link.click();
    await page.waitForURL(`${server.url}?recipe=worker_pool`);
    await endOfRun(page, 'worker_pool full screen');
    assert.equal(await page.isVisible('h1'), true, 'the whole page has its header');
    support.assertNoProblems(problems, 'worker_pool full screen');
    await page.close();
});

test('in a frame of a page without isolation, the recorded run is replayed, and the frame says why', async () => {
    // A context of its own: the service worker the frame installs stays out of the others.
    const own = await browser.newContext();
    const { page, frame: first, problems } = await openBookPage('?recipe=worker_pool&embed', { isolated: false, inContext: own });
    // The frame tries the service worker, reloads once under it, and is still not isolated.
    await first.waitForNavigation({ timeout: 30000 }).catch(() => {});
    const frame = await (await page.waitForSelector('#viz')).contentFrame();
    const s = await support.waitForStatus(frame, (s) => s.page === 'ready' && s.fromFile === true && s.activity === 'idle',
        { what: 'worker_pool replayed in a frame' });
    assert.equal(s.mode, 'replay');
    assert.equal(s.recipe, 'worker_pool');
    assert.match(await frame.textContent('#notice'),
        /^Replaying the run recorded when the cookbook was built: threads are off because the page around this frame is not cross-origin isolated\.$/);
    support.assertNotBlank(await support.screenshot(page, 'embed-replay', await page.$('#viz')));
    support.assertNoProblems(problems, 'worker_pool replayed in a frame');
    await own.close();
});

test('an unknown recipe in a frame says so', async () => {
    const { page, frame, problems } = await openBookPage('?recipe=no_such_recipe&embed');
    await support.waitForStatus(frame, (s) => s.link === 'refused', { what: 'no_such_recipe refused' });
    assert.match(await frame.textContent('#notice'), /There is no recipe named 'no_such_recipe'/);
    assert.equal(await frame.isVisible('#notice'), true);
    const links = await frame.$$eval('#recipe-list a', (as) => as.map((a) => a.getAttribute('href')));
    assert.ok(links.length > 0 && links.every((h) => /^\?recipe=\w+&embed$/.test(h)), `links stay embedded: ${links}`);
    assert.notEqual(await page.evaluate(() => document.activeElement.id), 'viz', 'the frame does not take the focus');
    support.assertNotBlank(await support.screenshot(page, 'embed-unknown', await page.$('#viz')));
    support.assertNoProblems(problems, 'unknown recipe in a frame');
    await page.close();
});
