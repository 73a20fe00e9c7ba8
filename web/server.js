#!/usr/bin/env node
// The Channels Cookbook's local web server: serves the site (the book, with the browser
// version of the visualizer under /visualizer/; a folder of static files) the way
// WebAssembly threads need it.
//
//   node web/server.js [--root DIR] [--port N] [--host ADDRESS] [--no-isolation]
//
// Every response carries Cross-Origin-Opener-Policy: same-origin and
// Cross-Origin-Embedder-Policy: require-corp, which make the page cross-origin
// isolated: only then does the browser give it SharedArrayBuffer, and so threads.
// --no-isolation leaves them out, as static hosting such as GitHub Pages does; the
// page then relies on its service worker (coi-serviceworker) or falls back to replays.
//
// Paths are read as static hosts read them: a folder's index.html, NAME.html for NAME,
// and the site's 404.html for what is missing.
//
// Listens on 127.0.0.1:8000 unless told otherwise (--port 0: any free port). Prints
// "serving <root> at <url>" once listening, and a clear message with exit status 1
// when the port is taken. Bad flags: a message and exit status 2.
'use strict';

const fs = require('fs');
const http = require('http');
const path = require('path');

const USAGE = `usage: node web/server.js [--root DIR] [--port N] [--host ADDRESS] [--no-isolation]

  --root DIR        the folder to serve (default: build/default/site, the book and visualizer)
  --port N          the port to listen on (default 8000; 0 picks a free one)
  --host ADDRESS    the address to listen on (default 127.0.0.1, this machine only)
  --no-isolation    leave out the COOP/COEP headers, as static hosting does`;

const DEFAULT_ROOT = path.join(__dirname, '..', 'build', 'default', 'site');

// Content types by file extension; .wasm must be application/wasm for streaming
// compilation (WebAssembly.instantiateStreaming refuses anything else).
const CONTENT_TYPES = {
    '.html': 'text/html; charset=utf-8',
    '.js': 'text/javascript; charset=utf-8',
    '.mjs': 'text/javascript; charset=utf-8',
    '.css': 'text/css; charset=utf-8',
    '.json': 'application/json; charset=utf-8',
    '.wasm': 'application/wasm',
    '.ttf': 'font/ttf',
    '.png': 'image/png',
    '.svg': 'image/svg+xml',
    '.ico': 'image/x-icon',
    '.txt': 'text/plain; charset=utf-8',
    '.md': 'text/markdown; charset=utf-8',
};

class UsageError extends Error {}

function parseArguments(argv) {
    const options = { root: DEFAULT_ROOT, port: 8000, host: '127.0.0.1', isolation: true };
    for (let i = 0; i < argv.length; i++) {
        const flag = argv[i];
        const value = () => {
            if (i + 1 >= argv.length) throw new UsageError(`${flag} needs a value`);
            return argv[++i];
        };
        switch (flag) {
            case '--root': options.root = path.resolve(value()); break;
            case '--port': options.port = parsePort(value()); break;
            case '--host': options.host = value(); break;
            case '--no-isolation': options.isolation = false; break;
            case '-h': case '--help': options.help = true; break;
            default: throw new UsageError(`unknown option '${flag}'`);
        }
    }
    return options;
}

function parsePort(text) {
    const port = Number(text);
    if (!/^\d+$/.test(text) || port > 65535) throw new UsageError(`--port: '${text}' is not a port number (0 to 65535)`);
    return port;
}

function headersFor(file, isolation) {
    const headers = {
        'Content-Type': CONTENT_TYPES[path.extname(file).toLowerCase()] || 'application/octet-stream',
        // A rebuilt page is seen at the next reload, never a stale module.
        'Cache-Control': 'no-cache',
        'X-Content-Type-Options': 'nosniff',
    };
    if (isolation) {
        headers['Cross-Origin-Opener-Policy'] = 'same-origin';
        headers['Cross-Origin-Embedder-Policy'] = 'require-corp';
    }
    return headers;
}

// The file a request path names inside root, or null for a malformed path. The decoded
// path is normalised as an absolute path first ('/a/../../b' is '/b'), so that no
// sequence of '..' (or its escaped forms) can lead out of root.
function resolveInside(root, urlPath) {
    let decoded;
    try {
        decoded = decodeURIComponent(urlPath);
    } catch {
        return null;
    }
    return path.join(root, path.posix.normalize(`/${decoded}`));
}

function sendText(response, status, text, isolation) {
    response.writeHead(status, headersFor('.txt', isolation));
    response.end(text + '\n');
}

function handle(options, request, response) {
    if (request.method !== 'GET' && request.method !== 'HEAD') {
        sendText(response, 405, 'only GET and HEAD', options.isolation);
        return;
    }
    // Appended, not resolved against a base: '//x' would read as another host.
    let url;
    try {
        url = new URL(`http://localhost${request.url}`);
    } catch {
        sendText(response, 400, 'bad path', options.isolation);
        return;
    }
    const urlPath = url.pathname;
    const file = resolveInside(options.root, urlPath);
    if (!file) {
        sendText(response, 400, 'bad path', options.isolation);
        return;
    }
    const found = findFile(file, urlPath);
    if (found.redirect) {
        response.writeHead(301, { ...headersFor('.txt', options.isolation), Location: found.redirect + url.search });
        response.end();
        return;
    }
    if (!found.file) {
        sendNotFound(options, request, response, urlPath);
        return;
    }
    sendFile(request, response, found.file, 200, options.isolation);
}

// What a request path names, as static hosts read it: a file; a folder's index.html,
// reached with a trailing slash (without one, a redirect to it, so that the folder's
// relative links resolve inside it); or NAME.html for NAME (the book's page addresses).
function findFile(file, urlPath) {
    const isFile = (f) => fs.existsSync(f) && fs.statSync(f).isFile();
    if (fs.existsSync(file) && fs.statSync(file).isDirectory()) {
        const index = path.join(file, 'index.html');
        if (!isFile(index)) return {};
        return urlPath.endsWith('/') ? { file: index } : { redirect: `${urlPath}/` };
    }
    if (isFile(file)) return { file };
    if (!path.extname(file) && isFile(`${file}.html`)) return { file: `${file}.html` };
    return {};
}

// The site's own 404.html where it has one (the book's), plain text otherwise.
function sendNotFound(options, request, response, urlPath) {
    const page = path.join(options.root, '404.html');
    if (fs.existsSync(page)) sendFile(request, response, page, 404, options.isolation);
    else sendText(response, 404, `not found: ${urlPath}`, options.isolation);
}

function sendFile(request, response, file, status, isolation) {
    const { size } = fs.statSync(file);
    response.writeHead(status, { ...headersFor(file, isolation), 'Content-Length': size });
    if (request.method === 'HEAD') {
        response.end();
        return;
    }
    fs.createReadStream(file).pipe(response);
}

function main() {
    let options;
    try {
        options = parseArguments(process.argv.slice(2));
    } catch (error) {
        if (!(error instanceof UsageError)) throw error;
        console.error(`server: ${error.message}\n\n${USAGE}`);
        process.exit(2);
    }
    if (options.help) {
        console.log(USAGE);
        return;
    }
    if (!fs.existsSync(path.join(options.root, 'index.html'))) {
        console.error(`server: ${options.root} has no index.html; build the browser version first (./cookbook)`);
        process.exit(1);
    }

    const server = http.createServer((request, response) => handle(options, request, response));
    server.on('error', (error) => {
        if (error.code === 'EADDRINUSE') {
            console.error(`server: port ${options.port} on ${options.host} is taken (is the cookbook already being served?); ` +
                `choose another with --port, e.g. --port ${options.port + 1}`);
        } else if (error.code === 'EACCES') {
            console.error(`server: not allowed to listen on port ${options.port}; choose one above 1023 with --port`);
        } else {
            console.error(`server: cannot listen on ${options.host}:${options.port}: ${error.message}`);
        }
        process.exit(1);
    });
    server.listen(options.port, options.host, () => {
        const { port } = server.address();
        const host = options.host.includes(':') ? `[${options.host}]` : options.host;
        const mode = options.isolation ? 'cross-origin isolated' : 'without isolation headers';
        console.log(`serving ${options.root} at http://${host}:${port}/ (${mode}); Ctrl+C stops`);
    });
    // Browsers keep connections open, so waiting for server.close() could take minutes.
    for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => process.exit(0));
}

main();
