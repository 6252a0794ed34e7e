// @ts-check
// Registers isolation-sw.js where the host does not isolate the page itself, and reloads once so the page runs under it.
// Skipped when the page is already isolated (csvdiff serve, or hosts configured by _headers / vercel.json) and with ?isolation=off.
(() => {
  const RELOADED = 'csvdiff.isolation-reload';
  const note = (text) => {
    window.csvdiffIsolation = text;
  };
  if (window.crossOriginIsolated) {
    sessionStorage.removeItem(RELOADED);
    note(navigator.serviceWorker?.controller ? 'isolated by the isolation service worker' : 'isolated by the server\'s headers');
    return;
  }
  if (new URLSearchParams(location.search).get('isolation') === 'off') {
    note('isolation turned off by ?isolation=off');
    navigator.serviceWorker?.getRegistration(document.baseURI).then((registration) => registration?.unregister());
    return;
  }
  if (!window.isSecureContext || !('serviceWorker' in navigator)) {
    note('service workers are unavailable here (the page needs https or localhost)');
    return;
  }
  if (sessionStorage.getItem(RELOADED)) {
    // Reloaded once under the service worker and still not isolated: another reload would not help.
    note('the isolation service worker is installed but the page is still not isolated');
    return;
  }
  navigator.serviceWorker.register(new URL('isolation-sw.js', document.baseURI), { scope: document.baseURI }).then(
    async (registration) => {
      await navigator.serviceWorker.ready;
      if (registration.active) {
        sessionStorage.setItem(RELOADED, '1');
        location.reload();
      }
    },
    (error) => note(`the isolation service worker could not register: ${error.message}`),
  );
})();
