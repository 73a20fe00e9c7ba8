// The whole site (the book with the visualizer under /visualizer/), served by
// web/server.js with the isolation headers, in headless Chromium:
//   - the home page and one page of each chapter load with no console errors;
//   - the text of a recipe page is readable before any WebAssembly arrives: the embed
//     loads only when scrolled near (time to first contentful paint is measured and
//     written to numbers.json);
//   - a recipe page's embedded visualizer runs its recipe to the end, on threads;
//   - search finds a recipe by a word of its explanation;
//   - three pages at desktop and phone widths, as screenshots in CHAN_WEB_OUT.
// Uses the browser tests' support (web/tests/support.js): CHAN_WEB_SITE is the site.
'use strict';

const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const test = require('node:test');

const support = require('../../web/tests/support.js');

const SITE = support.site();
const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1280, height: 800 };

let server, browser, context;
const numbers = {};

test.before(async () => {
    server = await support.startServer();
    // The server serves the whole site; what support.js reads of the visualizer's own
    // files (the recorded traces a run is compared with) is under visualizer/.
    process.env.CHAN_WEB_SITE = path.join(SITE, 'visualizer');
    browser = await support.launchBrowser();
    context = await browser.newContext();
});

test.after(async () => {
    if (browser) await browser.close();
    if (server) server.stop();
    numbers.siteBytes = folderBytes(SITE);
    numbers.bookBytes = numbers.siteBytes - folderBytes(path.join(SITE, 'visualizer'));
    fs.writeFileSync(path.join(support.outDir(), 'numbers.json'), `${JSON.stringify(numbers, null, 2)}\n`);
    console.log(`numbers: ${JSON.stringify(numbers)}`);
});

function folderBytes(dir) {
    let bytes = 0;
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
        const full = path.join(dir, entry.name);
        bytes += entry.isDirectory() ? folderBytes(full) : fs.statSync(full).size;
    }
    return bytes;
}

// Opens a page of the book and waits for its title; returns the page and its problems.
async function openBookPage(address, viewport = DESKTOP) {
    const { page, problems } = await support.openPage(context);
    await page.setViewportSize(viewport);
    const response = await page.goto(`${server.url}${address.replace(/^\//, '')}`);
    assert.equal(response.status(), 200, `${address}: HTTP status`);
    await page.waitForSelector('h1', { state: 'visible' });
    return { page, problems };
}

// The chapters' first pages, read from the sidebar of the home page: one page a chapter.
async function chapterPages() {
    const { page, problems } = await openBookPage('/basics/');
    const groups = await page.$$eval('.VPSidebar .VPSidebarItem.level-0', (items) => items.map((item) => {
        const own = item.querySelector(':scope > .item a.link');
        const first = item.querySelector('.items a.link');
        return { title: item.querySelector('.text').textContent.trim(), href: (own || first).getAttribute('href') };
    }));
    support.assertNoProblems(problems, 'the sidebar');
    await page.close();
    return groups;
}

test('the home page and one page of each chapter load with no errors', async (t) => {
    const groups = await chapterPages();
    assert.ok(groups.length >= 11, `the sidebar has every chapter (found ${groups.map((g) => g.title).join(', ')})`);
    for (const { title, href } of [{ title: 'home', href: '/' }, ...groups]) {
        await t.test(`${title}: ${href}`, async () => {
            const { page, problems } = await openBookPage(href);
            const heading = await page.textContent('h1');
            assert.ok(heading.trim().length > 0, `${href} has a title`);
            support.assertNoProblems(problems, href);
            await page.close();
        });
    }
});

test('a recipe page is readable before the WebAssembly loads, and its visualizer runs the recipe', async () => {
    const wasm = [];
    const { page, problems } = await support.openPage(context);
    page.on('response', (response) => {
        if (response.url().endsWith('.wasm')) wasm.push(Date.now());
    });
    const start = Date.now();
    await page.goto(`${server.url}patterns/worker_pool.html`);
    await page.waitForSelector('h1', { state: 'visible' });
    numbers.recipePageTitleVisibleMs = Date.now() - start;
    await page.waitForTimeout(1000);
    assert.deepEqual(wasm, [], 'the visualizer far below the text has loaded nothing yet');
    const paint = await page.evaluate(() => {
        const entry = performance.getEntriesByName('first-contentful-paint')[0];
        return entry ? entry.startTime : null;
    });
    assert.ok(paint !== null, 'the page painted');
    numbers.recipePageFirstContentfulPaintMs = Math.round(paint);

    assert.equal(await page.evaluate(() => window.crossOriginIsolated), true, 'the book page is cross-origin isolated');
    await page.locator('.recipe-watch').scrollIntoViewIfNeeded();
    const embed = page.locator('.recipe-watch iframe');
    await embed.waitFor();
    const frame = await (await embed.elementHandle()).contentFrame();
    const s = await support.waitForStatus(frame, (s) => s.ended === true && s.activity === 'idle',
        { what: 'the embedded worker_pool runs to its end', timeout: 120000 });
    assert.equal(s.recipe, 'worker_pool');
    assert.equal(s.mode, 'threads', 'the embed runs on real threads');
    assert.equal(s.exitCode, 0, `exit status (${s.runError})`);
    support.assertRunAddsUp(s, 'worker_pool');

    const fullScreen = await page.getAttribute('.recipe-watch figcaption a', 'href');
    assert.equal(fullScreen, '/visualizer/?recipe=worker_pool');
    support.assertNotBlank(await support.screenshot(page, 'worker_pool-embed'));
    support.assertNoProblems(problems, 'the worker_pool page');
    await page.close();
});

test('search finds a recipe by a word of its explanation', async () => {
    const { page, problems } = await openBookPage('/');
    await page.click('.VPNavBarSearch button');
    const input = page.locator('.VPLocalSearchBox input');
    await input.waitFor();
    // From the worker_pool recipe's opening comment, not from any page's own text.
    await input.fill('whichever is free first');
    const result = page.locator('.VPLocalSearchBox .result[href*="patterns/worker_pool"]');
    await result.first().waitFor({ timeout: 10000 });
    support.assertNoProblems(problems, 'search');
    await page.close();
});

test('three pages at desktop and phone widths', async (t) => {
    const pages = { home: '/', recipe: '/basics/buffering.html', guide: '/guide/choosing.html' };
    for (const [name, address] of Object.entries(pages)) {
        for (const [width, viewport] of Object.entries({ desktop: DESKTOP, phone: PHONE })) {
            await t.test(`${name} at ${width} width`, async () => {
                const { page, problems } = await openBookPage(address, viewport);
                const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
                assert.ok(overflow <= 0, `${address} at ${viewport.width} px scrolls sideways by ${overflow} px`);
                support.assertNotBlank(await support.screenshot(page, `book-${name}-${width}`));
                support.assertNoProblems(problems, `${address} at ${width} width`);
                await page.close();
            });
        }
    }
});
