// @ts-check
// The page's JavaScript: starts the inputs and the engine pool, offers window.csvdiff and the shortcuts, and does what .NET
// asks of the page itself (downloads, settings, scrolling, the theme). The engine's calls are engine-interop.js's.
import * as diagnostics from './diagnostics.js';
import * as engine from './engine-interop.js';
import * as pool from './engine-pool.js';
import { watchColumnResizing } from './grid-columns.js';
import { watchInputs } from './inputs.js';

export { loadExample, useText } from './inputs.js';

// The grid's estimated row height (rows wrap, so the exact one varies), as DiffGrid's Virtualize ItemSize.
const ROW_HEIGHT = 32;

let page = null;

/** Starts the page's side: file inputs, shortcuts, window.csvdiff and the engine pool. */
export function start(dotnetPage, version, engineSampleBytes) {
  page = dotnetPage;
  engine.connect(dotnetPage, engineSampleBytes);
  document.addEventListener('keydown', onKeyDown);
  watchColumnResizing();
  window.csvdiff = {
    version,
    diagnostics: () => diagnostics.report(),
    lastResult: () => globalThis.DotNet.invokeMethod('CsvDiff.Web', 'LastResultJson'),
  };
  pool.startPool(dotnetUrl());
  watchInputs((side, file, head) => page?.invokeMethodAsync('OnInputChosen', side, file.name, file.size, head), engineSampleBytes);
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
  const imports = map ? JSON.parse(map.textContent).imports ?? {} : {};
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

const SETTINGS_KEY = 'csvdiff.settings.v1';

export function loadSettings() {
  try {
    return localStorage.getItem(SETTINGS_KEY);
  } catch {
    return null;
  }
}

export function saveSettings(json) {
  try {
    localStorage.setItem(SETTINGS_KEY, json);
  } catch {
    // Storage may be disabled (private windows); settings then last for the visit only.
  }
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

export function applyTheme(theme) {
  if (theme === 'light' || theme === 'dark') {
    document.documentElement.dataset.theme = theme;
  } else {
    delete document.documentElement.dataset.theme;
  }
}
