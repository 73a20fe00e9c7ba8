// The page around the Channels Cookbook's visualizer (index.html): picks the build the
// browser can run, loads it with progress, mirrors what it shows into page text for
// screen readers, and gives every control a keyboard-usable HTML twin.
//
// Which build:
//   threads/  recipes run in the page on real threads. WebAssembly threads need
//             SharedArrayBuffer, which browsers give only to a cross-origin isolated page:
//             one served with COOP same-origin and COEP require-corp (web/server.js sends
//             them). Static hosting that cannot send headers gets them from a service
//             worker (coi-serviceworker.js, registered here, the page reloads once).
//   replay/   without isolation: no threads, so choosing a recipe replays the trace
//             recorded when the cookbook was built (traces/<name>.json); the page says why.
//
// Address: ?recipe=NAME opens that recipe and runs it; other parameters set its knobs
// (?recipe=worker_pool&workers=4). An unknown name shows the recipe list and a notice.
// ?threads=off forces the replay build.
//
// ?embed (or embed=1), for a frame in a page of the book (<iframe src="…?recipe=NAME&embed">):
// the header is a strip with the build's badge and "Open full screen ↗" (this address
// without embed, in the whole tab), the visualizer has no recipe picker, and the page
// never takes the focus by itself (that would scroll the book to the frame). index.html
// marks the page with the class `embed` before it is drawn; the CSS does the rest.
//
// For tests and tools: window.cookbookStatus holds the page's state (page, mode,
// isolated, threadsOffReason, firstFrameMs, failure) merged with the module's status
// (visualizer/platform/web/page_status.hpp); window.cookbookPage.frames(), .output()
// and .exportTrace() read the module.
'use strict';

(() => {
    const $ = (id) => document.getElementById(id);
    const canvas = $('canvas');
    const params = new URLSearchParams(location.search);
    const requestedRecipe = params.get('recipe');
    const embedded = document.documentElement.classList.contains('embed');
    const RELOAD_FLAG = 'cookbook-isolation-reload';

    const status = window.cookbookStatus = {
        page: 'loading',           // loading | reloading | ready | failed
        mode: null,                // threads | replay
        isolated: self.crossOriginIsolated === true,
        threadsOffReason: '',
        firstFrameMs: null,        // since navigation started
        failure: '',
    };

    let shownKnobsJson = '';       // the module's knobs the inputs were last filled from
    let catalog = [];              // from the module: [{name, topic, topicTitle, summary, knobs}]
    let moduleReady = false;

    // ---- the address ----

    // `query` as an address: `?recipe=x&embed`, not URLSearchParams' `?recipe=x&embed=`.
    function addressOf(query) {
        return `?${query}`.replace(/=(?=&|$)/g, '');
    }

    // The parameters that say how to show the page, kept when a run changes the address.
    function withPageParameters(query) {
        if (params.get('threads') === 'off') query.set('threads', 'off');
        if (embedded) query.set('embed', '');
        return query;
    }

    // The embedded page's way out: the same view, full screen.
    function pointFullScreenLink() {
        const query = new URLSearchParams(location.search);
        query.delete('embed');
        $('full-screen').href = addressOf(query);
    }

    // ---- failures and notices ----

    function fail(title, text) {
        if (status.page === 'failed') return;
        status.page = 'failed';
        status.failure = `${title}: ${text}`;
        $('failure-title').textContent = title;
        $('failure-text').textContent = text;
        $('failure').hidden = false;
        $('loading').hidden = true;
        console.error(`cookbook: ${status.failure}`);
    }

    function notice(text) {
        $('notice').textContent = text;
        $('notice').hidden = !text;
    }

    window.addEventListener('error', (event) => {
        fail('The visualizer stopped', event.message || String(event.error));
    });
    window.addEventListener('unhandledrejection', (event) => {
        fail('The visualizer stopped', String(event.reason && event.reason.message || event.reason));
    });

    // ---- which build ----

    function threadsAvailable() {
        return self.crossOriginIsolated === true && typeof SharedArrayBuffer === 'function';
    }

    function withTimeout(promise, seconds, what) {
        return Promise.race([promise, new Promise((_, reject) =>
            setTimeout(() => reject(new Error(`${what} took more than ${seconds} s`)), seconds * 1000))]);
    }

    // Installs coi-serviceworker.js and reloads the page under its control; or says why
    // that cannot work here.
    async function isolateWithServiceWorker() {
        if (!window.isSecureContext) {
            return { reason: 'the page is served over plain HTTP from another machine, where browsers allow no service worker' };
        }
        if (!('serviceWorker' in navigator)) {
            return { reason: 'this browser offers the page no service workers (a private window, or turned off)' };
        }
        if (sessionStorage.getItem(RELOAD_FLAG) || navigator.serviceWorker.controller) {
            sessionStorage.removeItem(RELOAD_FLAG);
            if (window.self !== window.top) {  // a frame is isolated only inside an isolated page
                return { reason: 'the page around this frame is not cross-origin isolated' };
            }
            return { reason: 'the service worker that adds the isolation headers is installed, but the browser still does not isolate the page' };
        }
        try {
            await navigator.serviceWorker.register('coi-serviceworker.js');
            await withTimeout(navigator.serviceWorker.ready, 10, 'starting the service worker');
        } catch (error) {
            return { reason: `the service worker that would add the isolation headers could not start (${error.message})` };
        }
        sessionStorage.setItem(RELOAD_FLAG, '1');
        status.page = 'reloading';
        $('loading-text').textContent = 'Turning on threads: reloading the page once under its service worker…';
        location.reload();
        return { reloading: true };
    }

    async function chooseBuild() {
        if (params.get('threads') === 'off') return { mode: 'replay', reason: 'the address asks for it (?threads=off)' };
        if (threadsAvailable()) {
            sessionStorage.removeItem(RELOAD_FLAG);
            return { mode: 'threads' };
        }
        const isolation = await isolateWithServiceWorker();
        return isolation.reloading ? null : { mode: 'replay', reason: isolation.reason };
    }

    // ---- loading the module ----

    const progress = { wasm: [0, 0], data: [0, 0] };

    function showProgress() {
        const done = progress.wasm[0] + progress.data[0];
        const total = progress.wasm[1] + progress.data[1];
        const mb = (bytes) => (bytes / 1e6).toFixed(1);
        const bar = $('loading-progress');
        if (total > 0) {
            bar.max = total;
            bar.value = done;
            $('loading-text').textContent = `Loading the visualizer: ${mb(done)} of ${mb(total)} MB`;
        }
    }

    // Fetches a file, reporting bytes as they arrive.
    async function fetchWithProgress(url, onProgress) {
        const response = await fetch(url);
        if (!response.ok) throw new Error(`${url}: ${response.status} ${response.statusText}`);
        const total = Number(response.headers.get('Content-Length')) || 0;
        const reader = response.body.getReader();
        const chunks = [];
        let received = 0;
        for (;;) {
            const { done, value } = await reader.read();
            if (done) break;
            chunks.push(value);
            received += value.length;
            onProgress(received, Math.max(total, received));
        }
        const bytes = new Uint8Array(received);
        let at = 0;
        for (const chunk of chunks) {
            bytes.set(chunk, at);
            at += chunk.length;
        }
        return bytes;
    }

    // ?recipe=NAME&KNOB=N... as the module's arguments: --recipe NAME --KNOB N.
    function moduleArguments() {
        if (!requestedRecipe) return [];
        const args = ['--recipe', requestedRecipe];
        if (embedded) args.push('--embed');
        for (const [key, value] of params) {
            if (key === 'recipe' || key === 'threads' || key === 'embed') continue;
            if (!/^-?\d+$/.test(value)) {
                notice(`Ignored ?${key}=${value}: knob values are whole numbers.`);
                continue;
            }
            args.push(`--${key}`, value);
        }
        return args;
    }

    function loadModule(mode) {
        const dir = `${mode}/`;
        window.Module = {
            canvas,
            arguments: moduleArguments(),
            // Every file of a build is in its folder: the worker script and the fonts'
            // package too, which Emscripten would otherwise look for next to the page.
            locateFile: (file) => `${dir}${file}`,
            print: (text) => console.log(text),
            printErr: (text) => console.warn(text),
            // Emscripten reports the preloaded files (the fonts) as "... (done/total)".
            setStatus: (text) => {
                const m = /\((\d+)\/(\d+)\)/.exec(text || '');
                if (m) {
                    progress.data = [Number(m[1]), Number(m[2])];
                    showProgress();
                }
            },
            instantiateWasm: (imports, receive) => {
                fetchWithProgress(`${dir}cookbook.wasm`, (done, total) => {
                    progress.wasm = [done, total];
                    showProgress();
                })
                    .then((bytes) => {
                        $('loading-text').textContent = 'Starting the visualizer…';
                        return WebAssembly.instantiate(bytes, imports);
                    })
                    .then(({ instance, module }) => receive(instance, module))
                    .catch((error) => fail('The visualizer could not load', error.message));
                return {};
            },
            onAbort: (what) => fail('The visualizer stopped', String(what)),
        };
        const script = document.createElement('script');
        script.src = `${dir}cookbook.js`;
        script.onerror = () => fail('The visualizer could not load', `${script.src} is missing or unreadable.`);
        document.body.append(script);
    }

    // ---- what the module tells the page ----

    function call(name, returns, types, args) {
        return moduleReady ? window.Module.ccall(name, returns, types, args) : null;
    }

    function runStatusWords(s) {
        if (s.error) return `Problem: ${s.error}`;
        if (s.link === 'waiting') return `Getting the threads ready: ${s.workersReady} of ${s.workers}…`;
        if (s.activity === 'loading') return 'Loading a trace file…';
        if (!s.title) return 'No recipe chosen.';
        const counts = `${s.events} events, ${s.messages} messages`;
        if (s.activity === 'running') return `${s.title}: running, ${counts} so far.`;
        if (s.activity === 'ending') return `${s.title}: stopping.`;
        if (s.fromFile) return `${s.title}: ${counts}. ${s.playing ? 'Playing.' : 'Paused.'}`;
        const how = s.stuck ? 'stuck, so its channels were disconnected' :
            s.interrupted ? 'stopped' : `finished with exit status ${s.exitCode}`;
        return `${s.title}: ${how}; ${counts}. ${s.playing ? 'Playing.' : 'Paused.'}`;
    }

    function deadlockWords(d) {
        return d ? `${d.certain ? 'Deadlock' : 'Probably stuck'}: ${d.summary} ${d.threads.join('. ')}` : '';
    }

    function setText(id, text) {
        if ($(id).textContent !== text) $(id).textContent = text;
    }

    function onStatus(s) {
        const recipeChanged = s.recipe !== status.recipe;
        const linkChanged = s.link !== status.link;
        Object.assign(status, s);
        if (linkChanged && s.link === 'refused') {
            notice(`${s.error} Pick a recipe below.`);
            showRecipeList(true);
        }
        setText('run-status', runStatusWords(s));
        setText('narration', s.narration || '');
        setText('deadlock', deadlockWords(s.deadlock));
        $('run').disabled = !moduleReady;
        $('stop').disabled = s.activity !== 'running';
        $('download-trace').disabled = !(s.events > 0);
        $('play').textContent = s.playing ? '||' : '▶';
        $('play').setAttribute('aria-label', s.playing ? 'Pause' : 'Play');
        if (recipeChanged && s.recipe) {
            $('recipe').value = s.recipe;
            showRecipeList(false);
        }
        // Only when the module's knobs change: comparing with the inputs instead would undo
        // what the learner is typing whenever any other part of the status changes.
        const knobsJson = JSON.stringify(s.knobs || []);
        if (recipeChanged || knobsJson !== shownKnobsJson) {
            shownKnobsJson = knobsJson;
            showKnobs(s.knobs);
        }
    }

    function onFirstFrame() {
        status.firstFrameMs = performance.now();
        status.page = 'ready';
        moduleReady = true;
        $('loading').hidden = true;
        catalog = JSON.parse(window.Module.ccall('cookbook_catalog', 'string', [], []));
        fillRecipeChoices();
        for (const control of document.querySelectorAll('header button, #page-controls button, #page-controls select')) {
            control.disabled = false;
        }
        $('stop').disabled = status.activity !== 'running';
        $('download-trace').disabled = !(status.events > 0);
        if (status.link === '') showRecipeList(true);  // the address names no recipe
    }

    function showRecipeList(show) {
        $('recipe-list').hidden = !show;
        $('show-recipes').setAttribute('aria-expanded', String(show));
        if (show && !embedded) $('recipe-list').querySelector('a')?.focus();
    }

    async function fetchRecording(name) {
        try {
            const [json, output] = await Promise.all([`traces/${name}.json`, `traces/${name}.txt`].map(async (url) => {
                const response = await fetch(url);
                if (!response.ok) throw new Error(`${url}: ${response.status} ${response.statusText}`);
                return new Uint8Array(await response.arrayBuffer());
            }));
            const fs = window.Module.FS;
            fs.mkdirTree('/recordings');
            fs.writeFile(`/recordings/${name}.json`, json);
            fs.writeFile(`/recordings/${name}.txt`, output);
            call('cookbook_open_recording', null, ['string'], [name]);
        } catch (error) {
            notice(`The recording of ${name} could not be loaded: ${error.message}`);
        }
    }

    window.cookbookPage = {
        status: onStatus,
        firstFrame: onFirstFrame,
        fetchRecording,
        frames: () => (moduleReady ? window.Module._cookbook_frames() : 0),
        output: () => call('cookbook_output', 'string', [], []),
        exportTrace: () => call('cookbook_export_trace', 'string', [], []),
    };

    // ---- recipe choice and knobs ----

    function fillRecipeChoices() {
        const select = $('recipe');
        select.replaceChildren();
        const body = $('recipe-list-body');
        body.replaceChildren();
        let group = null, list = null;
        for (const r of catalog) {
            if (!group || group.dataset.topic !== r.topic) {
                group = document.createElement('optgroup');
                group.label = r.topicTitle;
                group.dataset.topic = r.topic;
                select.append(group);
                const heading = document.createElement('h3');
                heading.textContent = r.topicTitle;
                list = document.createElement('ul');
                body.append(heading, list);
            }
            group.append(new Option(r.name, r.name));
            const link = document.createElement('a');
            link.href = addressOf(withPageParameters(new URLSearchParams({ recipe: r.name })));
            link.textContent = r.name;
            link.addEventListener('click', (event) => {
                if (event.ctrlKey || event.metaKey || event.shiftKey || event.button !== 0) return;
                event.preventDefault();
                run(r.name, {});
            });
            const item = document.createElement('li');
            const summary = document.createElement('span');
            summary.className = 'summary';
            summary.textContent = ` — ${r.summary}`;
            item.append(link, summary);
            list.append(item);
        }
        select.value = status.recipe || '';
    }

    function showKnobs(knobs) {
        const box = $('knobs');
        box.replaceChildren();
        for (const k of knobs || []) {
            const label = document.createElement('label');
            label.textContent = `${k.name} `;
            label.title = k.help;
            const input = document.createElement('input');
            Object.assign(input, { type: 'number', name: k.name, min: k.min, max: k.max, step: 1, value: k.value });
            input.setAttribute('aria-description', `${k.help}, ${k.min} to ${k.max}`);
            label.append(input);
            box.append(label);
        }
    }

    function defaultsOf(name) {
        const r = catalog.find((c) => c.name === name);
        return r ? r.knobs : [];
    }

    // Runs `name` with `knobs` ({name: value}; a new recipe starts from its defaults, the
    // chosen one keeps its current values) and puts the run into the address, to share.
    function run(name, knobs) {
        notice('');
        call('cookbook_dismiss_error', null, [], []);
        const defaults = defaultsOf(name);
        const changed = defaults.filter((k) => k.name in knobs && knobs[k.name] !== k.value);
        const query = new URLSearchParams({ recipe: name });
        for (const k of changed) query.set(k.name, knobs[k.name]);
        history.replaceState(null, '', addressOf(withPageParameters(query)));
        pointFullScreenLink();

        const fresh = name !== status.recipe;
        if (fresh && !call('cookbook_choose', 'number', ['string'], [name])) return;  // the module says why
        for (const k of defaults) {
            if (k.name in knobs) call('cookbook_set_knob', 'number', ['string', 'number'], [k.name, knobs[k.name]]);
        }
        if (!fresh || changed.length > 0) call('cookbook_run_again', null, [], []);
        showRecipeList(false);
    }

    $('recipe').addEventListener('change', () => showKnobs(defaultsOf($('recipe').value)));
    $('recipe-form').addEventListener('submit', (event) => {
        event.preventDefault();
        const knobs = {};
        for (const input of $('knobs').querySelectorAll('input')) {
            const value = Number(input.value);
            if (!Number.isInteger(value) || value < Number(input.min) || value > Number(input.max)) {
                notice(`${input.name} must be a whole number from ${input.min} to ${input.max}.`);
                input.focus();
                return;
            }
            knobs[input.name] = value;
        }
        run($('recipe').value, knobs);
    });
    $('stop').addEventListener('click', () => call('cookbook_stop', null, [], []));
    $('show-recipes').addEventListener('click', () => showRecipeList($('recipe-list').hidden));
    for (const button of $('playback').querySelectorAll('button')) {
        button.addEventListener('click', () => call('cookbook_playback', null, ['string'], [button.dataset.action]));
    }

    // ---- trace files: picker, drag and drop, download ----

    function openTraceFile(file) {
        if (!moduleReady || !file) return;
        notice('');
        call('cookbook_dismiss_error', null, [], []);
        file.arrayBuffer().then((buffer) => {
            const path = `/uploads/${Date.now()}.json`;
            window.Module.FS.mkdirTree('/uploads');
            window.Module.FS.writeFile(path, new Uint8Array(buffer));
            call('cookbook_open_file', null, ['string', 'string'], [path, file.name]);
            showRecipeList(false);
        }, (error) => notice(`${file.name} could not be read: ${error.message}`));
    }

    $('open-trace').addEventListener('click', () => $('trace-file').click());
    $('trace-file').addEventListener('change', () => {
        openTraceFile($('trace-file').files[0]);
        $('trace-file').value = '';
    });
    let dragDepth = 0;
    window.addEventListener('dragenter', (event) => {
        event.preventDefault();
        if (++dragDepth === 1 && moduleReady) $('drop-hint').hidden = false;
    });
    window.addEventListener('dragleave', () => {
        if (--dragDepth === 0) $('drop-hint').hidden = true;
    });
    window.addEventListener('dragover', (event) => event.preventDefault());
    window.addEventListener('drop', (event) => {
        event.preventDefault();
        dragDepth = 0;
        $('drop-hint').hidden = true;
        openTraceFile(event.dataTransfer.files[0]);
    });

    $('download-trace').addEventListener('click', () => {
        const json = window.cookbookPage.exportTrace();
        if (!json) return;
        const link = document.createElement('a');
        link.href = URL.createObjectURL(new Blob([json], { type: 'application/json' }));
        link.download = `${status.recipe || 'trace'}.json`;
        link.click();
        setTimeout(() => URL.revokeObjectURL(link.href), 1000);
    });

    // ---- the keyboard ----

    // Emscripten's GLFW listens for keys on the whole window in the capture phase, and
    // keeps Tab for itself (preventDefault). This filter is registered on the window's
    // capture phase before the module starts, so it runs first: keys typed into the
    // page's fields and the recipe list never reach the visualizer (Enter in a knob
    // would also press the visualizer's focused button), and Tab on the canvas moves
    // the focus on, as everywhere else. Stopping the event here also hides it from the
    // page's own element listeners, so the one key the page handles itself is handled
    // here. Buttons are left alone: Enter and Space must still press them.
    function pageKey(event) {
        if (event.key === 'Escape' && $('recipe-list').contains(event.target)) {
            showRecipeList(false);
            $('show-recipes').focus();
        }
    }
    for (const type of ['keydown', 'keypress', 'keyup']) {
        window.addEventListener(type, (event) => {
            const target = event.target;
            const typing = target instanceof HTMLInputElement || target instanceof HTMLSelectElement;
            const tabOnCanvas = target === canvas && event.key === 'Tab';
            const inRecipeList = $('recipe-list').contains(target);
            if (!typing && !tabOnCanvas && !inRecipeList) return;  // buttons keep their own Enter and Space
            event.stopImmediatePropagation();
            if (type === 'keydown') pageKey(event);
        }, true);
    }
    canvas.addEventListener('mousedown', () => canvas.focus());

    // ---- start ----

    async function start() {
        if (typeof WebAssembly !== 'object') {
            fail('This browser cannot run the visualizer', 'It has no WebAssembly. Any current Chrome, Edge, Firefox or Safari has.');
            return;
        }
        const build = await chooseBuild();
        if (!build) return;  // reloading under the service worker
        status.mode = build.mode;
        status.threadsOffReason = build.reason || '';
        const badge = $('mode');
        badge.hidden = false;
        badge.textContent = build.mode === 'threads' ? 'live: real threads' : 'replay: recorded runs';
        badge.classList.toggle('replay', build.mode === 'replay');
        if (build.mode === 'replay' && embedded) {
            notice(`Replaying the run recorded when the cookbook was built: threads are off because ${build.reason}.`);
        } else if (build.mode === 'replay') {
            notice(`Threads are off because ${build.reason}. Recipes cannot run in this page, so choosing one ` +
                'replays the run recorded when the cookbook was built, with its default settings. For live runs ' +
                'on real threads, serve the page with its own server (./cookbook), which sends the ' +
                'cross-origin isolation headers.');
        }
        loadModule(build.mode);
    }

    pointFullScreenLink();
    start();
})();
