// @ts-check
// The page's JavaScript: starts the inputs and the engine pool, offers window.csvdiff and the shortcuts, and does what .NET
// asks of the page itself (downloads, settings, scrolling, the theme). The engine's calls are engine-interop.js's.
import * as diagnostics from './diagnostics.js';
import * as engine from './engine-interop.js';
import * as pool from './engine-pool.js';
import { watchColumnResizing } from './grid-columns.js';
import { reportInputs } from './inputs.js';
import { takeCompareRequest } from './page-shell.js';

export { loadExample, useText } from './inputs.js';
export { applyTheme, loadSettings, saveSettings } from './settings.js';

// The grid's estimated row height (rows wrap, so the exact one varies), as DiffGrid's Virtualize ItemSize.
const ROW_HEIGHT = 40;

let page = null;

/**
 * Starts the page's side once .NET runs: shortcuts, window.csvdiff, the engine pool, and the inputs, with those chosen
 * in the page shell reported first and a Compare pressed there run.
 */
export async function start(dotnetPage, version, engineSampleBytes, wholeRunBelowBytes, inputBytesPerWorker) {
  page = dotnetPage;
  engine.connect(dotnetPage, engineSampleBytes, wholeRunBelowBytes, inputBytesPerWorker);
  document.addEventListener('keydown', onKeyDown);
  watchColumnResizing();
  window.csvdiff = {
    version,
    diagnostics: () => diagnostics.report(),
    lastResult: () => globalThis.DotNet.invokeMethod('CsvDiff.Web', 'LastResultJson'),
  };
  pool.startPool(dotnetUrl());
  await reportInputs((side, file, head) => page?.invokeMethodAsync('OnInputChosen', side, file.name, file.size, head), engineSampleBytes);
  const waitedMs = takeCompareRequest();
  if (waitedMs !== null) {
    // Not awaited: the comparison runs on, and .NET's StartAsync returns now.
    page.invokeMethodAsync('CompareRequested', waitedMs);
  }
}

function onKeyDown(event) {
  if (event.ctrlKey && event.shiftKey && event.key.toLowerCase() === 'd') {
    event.preventDefault();
    page?.invokeMethodAsync('OnShortcut', 'diagnostics');
    return;
  }
  const typing = event.target.closest?.('input, textarea, select, [contenteditable]');
  if (typing || event.altKey || event.metaKey || event.ctrlKey) {
    return;
  }
  if (event.key === 'n' || event.key === 'p') {
    event.preventDefault();
    page?.invokeMethodAsync('OnShortcut', event.key === 'n' ? 'next' : 'previous');
  }
}

function dotnetUrl() {
  // Import maps do not reach workers, so the worker is given the fingerprinted dotnet.js the page's map points at.
  const map = document.querySelector('script[type="importmap"]');
  const imports = map?.textContent ? JSON.parse(map.textContent).imports ?? {} : {};
  return new URL(imports['./_framework/dotnet.js'] ?? './_framework/dotnet.js', document.baseURI).href;
}

export function restartPool(size) {
  const url = new URL(location.href);
  url.searchParams.set('workers', String(size));
  location.assign(url);
}

export function diagnosticsJson() {
  return JSON.stringify(diagnostics.report());
}

export function download(fileName, mimeType, bytes) {
  const url = URL.createObjectURL(new Blob([bytes], { type: mimeType }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/**
 * Gives `element` the focus on the next frame. Focused at once, as a render of the result has just put it in the document,
 * the page is laid out there and then, and again once the grid's rows come: about 20 ms more before a small result shows.
 * @param {HTMLElement} element
 */
export function focusNextFrame(element) {
  requestAnimationFrame(() => element.focus());
}

/** Brings row `index` of the result grid into view and gives it the focus (rows wrap, so their height is only estimated at first). */
export function scrollToRow(index) {
  const grid = document.querySelector('[data-grid-body]');
  if (!grid) {
    return;
  }
  grid.scrollTop = Math.max(0, index * ROW_HEIGHT - grid.clientHeight / 2);
  // The virtualized grid renders the rows now in view on its next frames; then the row itself is placed exactly.
  const place = (/** @type {number} */ tries) => requestAnimationFrame(() => {
    const row = grid.querySelector(`[data-row-index="${index}"]`);
    if (row instanceof HTMLElement) {
      row.scrollIntoView({ block: 'center' });
      row.focus({ preventScroll: true });
    } else if (tries > 0) {
      place(tries - 1);
    }
  });
  place(10);
}
