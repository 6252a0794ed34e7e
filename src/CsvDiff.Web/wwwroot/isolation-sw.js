// @ts-check
// A service worker that makes the viewer cross-origin isolated on static hosts that cannot send headers (GitHub Pages):
// it adds COOP/COEP/CORP to the app's own responses. The engine pool used to share inputs through SharedArrayBuffer, which
// needs isolation; it no longer does (copying into shared memory cost more than it saved, docs/BENCHMARKS.md), so nothing in
// the viewer needs this today.
const serviceWorker = /** @type {ServiceWorkerGlobalScope} */ (/** @type {unknown} */ (globalThis));
serviceWorker.addEventListener('install', () => serviceWorker.skipWaiting());
serviceWorker.addEventListener('activate', (event) => event.waitUntil(serviceWorker.clients.claim()));

serviceWorker.addEventListener('fetch', (event) => {
  const request = event.request;
  if (new URL(request.url).origin !== serviceWorker.location.origin || (request.cache === 'only-if-cached' && request.mode !== 'same-origin')) {
    return;
  }
  event.respondWith(fetch(request).then(isolated));
});

/** @param {Response} response */
function isolated(response) {
  // Opaque and redirect responses cannot be rebuilt; they pass through unchanged.
  if (response.status === 0 || response.type === 'opaqueredirect') {
    return response;
  }
  const headers = new Headers(response.headers);
  headers.set('Cross-Origin-Opener-Policy', 'same-origin');
  headers.set('Cross-Origin-Embedder-Policy', 'require-corp');
  headers.set('Cross-Origin-Resource-Policy', 'same-origin');
  return new Response(response.body, { status: response.status, statusText: response.statusText, headers });
}
