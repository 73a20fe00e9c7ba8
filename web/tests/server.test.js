// web/server.js: the headers that make the page cross-origin isolated, content types
// (application/wasm above all), what it refuses, and its messages for bad flags and a
// taken port.
'use strict';

const assert = require('node:assert/strict');
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const net = require('node:net');
const os = require('node:os');
const path = require('node:path');
const test = require('node:test');

const { startServer } = require('./support');

const SERVER = path.join(__dirname, '..', 'server.js');

// A site of a few files, so that these tests do not need the WebAssembly build.
function makeSite() {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'cookbook-site-'));
    fs.writeFileSync(path.join(root, 'index.html'), '<!doctype html><title>t</title>');
    fs.mkdirSync(path.join(root, 'threads'));
    fs.writeFileSync(path.join(root, 'threads', 'cookbook.wasm'), Buffer.from([0, 0x61, 0x73, 0x6d]));
    fs.writeFileSync(path.join(root, 'threads', 'cookbook.js'), '// js');
    fs.writeFileSync(path.join(root, 'threads', 'index.html'), '<!doctype html><title>inner</title>');
    fs.writeFileSync(path.join(root, 'secret.txt'), 'outside');
    return root;
}

function runServer(args) {
    return spawnSync(process.execPath, [SERVER, ...args], { encoding: 'utf8', timeout: 10000 });
}

async function withServer(args, body) {
    process.env.CHAN_WEB_SITE = args.root;
    const server = await startServer(args.flags || []);
    try {
        await body(server.url);
    } finally {
        server.stop();
    }
}

test('every response makes the page cross-origin isolated, with the right content types', async () => {
    const root = makeSite();
    await withServer({ root }, async (url) => {
        for (const [file, type] of [['', 'text/html'], ['threads/cookbook.wasm', 'application/wasm'],
            ['threads/cookbook.js', 'text/javascript']]) {
            const response = await fetch(url + file);
            assert.equal(response.status, 200, file);
            assert.equal(response.headers.get('cross-origin-opener-policy'), 'same-origin', file);
            assert.equal(response.headers.get('cross-origin-embedder-policy'), 'require-corp', file);
            assert.match(response.headers.get('content-type'), new RegExp(`^${type}`), file);
        }
        const missing = await fetch(`${url}nothing-here.js`);
        assert.equal(missing.status, 404);
        assert.equal(missing.headers.get('cross-origin-embedder-policy'), 'require-corp');
    });
});

test('folders, page names without .html and missing pages are read as static hosts read them', async () => {
    const root = makeSite();
    fs.writeFileSync(path.join(root, 'page.html'), '<!doctype html><title>page</title>');
    await withServer({ root }, async (url) => {
        const folder = await fetch(`${url}threads?recipe=x`, { redirect: 'manual' });
        assert.equal(folder.status, 301, 'a folder without its slash is redirected');
        assert.equal(folder.headers.get('location'), '/threads/?recipe=x');
        assert.match(await (await fetch(`${url}threads/`)).text(), /inner/);
        const page = await fetch(`${url}page`);
        assert.equal(page.status, 200);
        assert.match(await page.text(), /<title>page</);
        assert.equal((await fetch(`${url}nothing`)).status, 404);

        fs.writeFileSync(path.join(root, '404.html'), '<!doctype html><title>lost</title>');
        const missing = await fetch(`${url}nothing`);
        assert.equal(missing.status, 404);
        assert.match(await missing.text(), /<title>lost</, "the site's own 404 page");
        assert.equal(missing.headers.get('cross-origin-embedder-policy'), 'require-corp');
    });
});

test('--no-isolation serves the same files without the isolation headers', async () => {
    const root = makeSite();
    await withServer({ root, flags: ['--no-isolation'] }, async (url) => {
        const response = await fetch(`${url}threads/cookbook.wasm`);
        assert.equal(response.status, 200);
        assert.equal(response.headers.get('content-type'), 'application/wasm');
        assert.equal(response.headers.get('cross-origin-opener-policy'), null);
        assert.equal(response.headers.get('cross-origin-embedder-policy'), null);
    });
});

test('paths that leave the served folder are refused', async () => {
    const root = makeSite();
    const inner = path.join(root, 'threads');
    await withServer({ root: inner }, async (url) => {
        const { port } = new URL(url);
        for (const raw of ['/../secret.txt', '/%2e%2e/secret.txt', '/..%2fsecret.txt', '//secret.txt']) {
            const reply = await rawGet(Number(port), raw);
            assert.doesNotMatch(reply, /outside/, raw);
            assert.match(reply, /^HTTP\/1\.1 (400|404)/, raw);
        }
        // '//' is the root (a URL parser would take it for another host and throw).
        assert.match(await rawGet(Number(port), '//'), /^HTTP\/1\.1 200[^]*inner/);
        assert.equal((await fetch(url)).status, 200, 'the server still answers');
    });
});

// An HTTP GET with the path exactly as given (fetch would normalise the dots away).
function rawGet(port, rawPath) {
    return new Promise((resolve, reject) => {
        const socket = net.connect(port, '127.0.0.1', () => {
            socket.write(`GET ${rawPath} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n`);
        });
        let reply = '';
        socket.on('data', (chunk) => { reply += chunk; });
        socket.on('end', () => resolve(reply));
        socket.on('error', reject);
    });
}

test('a taken port gets a clear message and exit status 1', async () => {
    const root = makeSite();
    const blocker = net.createServer();
    await new Promise((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const { port } = blocker.address();
    try {
        const r = runServer(['--root', root, '--port', String(port)]);
        assert.equal(r.status, 1);
        assert.match(r.stderr, new RegExp(`port ${port} on 127\\.0\\.0\\.1 is taken`));
        assert.match(r.stderr, /--port/);
    } finally {
        blocker.close();
    }
});

test('bad flags get a message, the usage and exit status 2', () => {
    for (const [args, message] of [[['--port', 'eighty'], /--port: 'eighty' is not a port number/],
        [['--port', '70000'], /--port: '70000' is not a port number/],
        [['--colour'], /unknown option '--colour'/],
        [['--root'], /--root needs a value/]]) {
        const r = runServer(args);
        assert.equal(r.status, 2, args.join(' '));
        assert.match(r.stderr, message);
        assert.match(r.stderr, /usage: node web\/server\.js/);
    }
});

test('a folder without a built site is refused before listening', () => {
    const empty = fs.mkdtempSync(path.join(os.tmpdir(), 'cookbook-empty-'));
    const r = runServer(['--root', empty, '--port', '0']);
    assert.equal(r.status, 1);
    assert.match(r.stderr, /has no index\.html; build the browser version first/);
});
