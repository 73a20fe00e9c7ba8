// Static hosting sends no Cross-Origin-Opener-Policy / -Embedder-Policy headers, so
// the book's pages are not cross-origin isolated and a visualizer embedded in them
// could only replay recorded runs. coi-serviceworker (copied to the site's root by the
// build) adds the headers to every response under the root; it takes over after one
// reload. The local server (web/server.js) sends the headers itself: nothing happens.
import { withBase } from 'vitepress';

const RELOADED = 'cookbook-book-isolation-reload';

export async function isolateOnStaticHosting() {
    if (window.crossOriginIsolated || !window.isSecureContext || !('serviceWorker' in navigator)) return;
    // One try per tab: if the reload did not isolate the page, read it without threads.
    if (sessionStorage.getItem(RELOADED) || navigator.serviceWorker.controller) return;
    try {
        await navigator.serviceWorker.register(withBase('/coi-serviceworker.js'));
        await navigator.serviceWorker.ready;
    } catch (error) {
        console.info(`The book stays without threads for its visualizers: ${error.message}`);
        return;
    }
    sessionStorage.setItem(RELOADED, '1');
    location.reload();
}
