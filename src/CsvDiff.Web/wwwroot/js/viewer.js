// The page's JavaScript: keeps inputs as browser Files (never one big string), runs the engine worker, and offers window.csvdiff.
const SNIFF_BYTES = 64 * 1024;
const WORKER_START_TIMEOUT_MS = 60_000;
const ROW_HEIGHT = 30;

const inputs = { left: null, right: null };
const diagnostics = {
  crossOriginIsolated: globalThis.crossOriginIsolated === true,
  sharedArrayBuffer: typeof SharedArrayBuffer !== 'undefined',
  hardwareConcurrency: navigator.hardwareConcurrency ?? 1,
  mode: null,
  workers: 0,
  fallbackReason: null,
  workerStartMs: null,
  lastRun: null,
};

let page = null;
let worker = null;
let workerReady = null;
let pending = null;
let currentRun = null;

export function start(dotnetPage, version) {
  page = dotnetPage;
  document.addEventListener('change', onFileInputChange);
  document.addEventListener('dragover', onDragOver);
  document.addEventListener('drop', onDrop);
  document.addEventListener('keydown', onKeyDown);
  window.csvdiff = {
    version,
    diagnostics: () => structuredClone(diagnostics),
    lastResult: () => globalThis.DotNet.invokeMethod('CsvDiff.Web', 'LastResultJson'),
  };
  startWorker();
  loadServedInputs();
}

function onFileInputChange(event) {
  const input = event.target;
  if (input instanceof HTMLInputElement && input.type === 'file' && input.dataset.side && input.files?.length) {
    choose(input.dataset.side, input.files[0]);
  }
}

function onDragOver(event) {
  if (event.target.closest?.('[data-drop-side]')) {
    event.preventDefault();
  }
}

function onDrop(event) {
  const zone = event.target.closest?.('[data-drop-side]');
  if (zone && event.dataTransfer?.files?.length) {
    event.preventDefault();
    choose(zone.dataset.dropSide, event.dataTransfer.files[0]);
  }
}

function onKeyDown(event) {
  const typing = event.target.closest?.('input, textarea, select, [contenteditable]');
  if (typing || event.altKey || event.metaKey || event.ctrlKey) {
    return;
  }
  if (event.key === 'n' || event.key === 'p') {
    event.preventDefault();
    page?.invokeMethodAsync('OnShortcut', event.key === 'n' ? 'next' : 'previous');
  }
}

async function choose(side, file) {
  if (file.name.toLowerCase().endsWith('.gz') && typeof DecompressionStream !== 'undefined') {
    const plain = await new Response(file.stream().pipeThrough(new DecompressionStream('gzip'))).blob();
    file = new File([plain], file.name.slice(0, -3), { type: 'text/csv' });
  }
  inputs[side] = file;
  const head = new Uint8Array(await file.slice(0, SNIFF_BYTES).arrayBuffer());
  await page?.invokeMethodAsync('OnInputChosen', side, file.name, file.size, head);
}

export async function useText(side, name, text) {
  await choose(side, new File([text], name, { type: 'text/csv' }));
}

export async function loadExample() {
  await Promise.all([
    loadFrom('left', 'examples/customers-january.csv'),
    loadFrom('right', 'examples/customers-february.csv'),
  ]);
}

async function loadFrom(side, url, name) {
  const response = await fetch(url);
  if (!response.ok) {
    throw new Error(`${url}: ${response.status} ${response.statusText}`);
  }
  await choose(side, new File([await response.blob()], name ?? url.split('/').pop(), { type: 'text/csv' }));
}

// `csvdiff serve LEFT RIGHT` names the two files it serves; on a static host there is no such list and nothing loads.
async function loadServedInputs() {
  try {
    const response = await fetch('api/inputs', { cache: 'no-store' });
    if (response.status !== 200 || !(response.headers.get('content-type') ?? '').includes('json')) {
      return;
    }
    const served = await response.json();
    await Promise.all([
      loadFrom('left', 'api/inputs/left', served.left),
      loadFrom('right', 'api/inputs/right', served.right),
    ]);
  } catch {
    // No server behind the page: the user picks files.
  }
}

function dotnetUrl() {
  // Import maps do not reach workers, so the worker is given the fingerprinted dotnet.js the page's map points at.
  const map = document.querySelector('script[type="importmap"]');
  const imports = map ? JSON.parse(map.textContent).imports ?? {} : {};
  return new URL(imports['./_framework/dotnet.js'] ?? './_framework/dotnet.js', document.baseURI).href;
}

function startWorker() {
  diagnostics.mode = null;
  diagnostics.workers = 0;
  const started = performance.now();
  workerReady = new Promise((resolve) => {
    const fail = (reason) => {
      diagnostics.mode = 'single';
      diagnostics.fallbackReason = reason;
      worker?.terminate();
      worker = null;
      resolve(false);
    };
    if (new URLSearchParams(location.search).get('workers') === 'off') {
      fail('workers are turned off by ?workers=off');
      return;
    }
    try {
      worker = new Worker(new URL('./engine-worker.js', import.meta.url), { type: 'module' });
    } catch (error) {
      fail(`a worker cannot start here: ${error.message}`);
      return;
    }
    const timer = setTimeout(() => fail(`the engine worker did not start within ${WORKER_START_TIMEOUT_MS / 1000} s`), WORKER_START_TIMEOUT_MS);
    worker.onmessage = ({ data }) => {
      switch (data.type) {
        case 'ready':
          clearTimeout(timer);
          diagnostics.mode = 'worker';
          diagnostics.workers = 1;
          diagnostics.fallbackReason = null;
          diagnostics.workerStartMs = Math.round(performance.now() - started);
          resolve(true);
          break;
        case 'failed':
          clearTimeout(timer);
          fail(`the engine worker could not start .NET: ${data.reason}`);
          break;
        case 'progress':
          page?.invokeMethodAsync('OnProgress', data.phase, data.fraction);
          break;
        case 'result':
          pending?.resolve(new Uint8Array(data.bytes));
          pending = null;
          break;
        case 'error':
          pending?.reject(new Error(data.message));
          pending = null;
          break;
      }
    };
    worker.onerror = (event) => {
      clearTimeout(timer);
      pending?.reject(new Error(`the engine worker stopped: ${event.message}`));
      pending = null;
      fail(`the engine worker stopped: ${event.message}`);
    };
    worker.postMessage({ type: 'start', dotnetUrl: dotnetUrl() });
  });
}

export async function workerProblem() {
  await workerReady;
  return diagnostics.fallbackReason;
}

/** Runs the diff in the engine worker; null when there is no worker (workerProblem() says why). */
export async function compareInWorker(settings) {
  // The run exists from the first moment, so Cancel works even while the files are still being read.
  const run = { cancelled: false };
  currentRun = run;
  if (!(await workerReady)) {
    return null;
  }
  const started = performance.now();
  const [left, right] = await Promise.all([inputs.left.arrayBuffer(), inputs.right.arrayBuffer()]);
  if (run.cancelled) {
    throw new Error('cancelled');
  }
  const bytes = left.byteLength + right.byteLength;
  const reply = await new Promise((resolve, reject) => {
    pending = { resolve, reject };
    worker.postMessage({ type: 'compare', leftName: inputs.left.name, left, rightName: inputs.right.name, right, settings }, [left, right]);
  });
  diagnostics.lastRun = { mode: 'worker', milliseconds: Math.round(performance.now() - started), bytes };
  return reply;
}

export function cancel() {
  if (currentRun) {
    currentRun.cancelled = true;
  }
  if (pending) {
    // Terminating is the only prompt way to stop synchronous .NET code in a worker; a fresh one starts at once.
    worker?.terminate();
    pending.reject(new Error('cancelled'));
    pending = null;
    startWorker();
  }
}

export function inputName(side) {
  return inputs[side]?.name ?? side;
}

export async function inputBytes(side) {
  return new Uint8Array(await inputs[side].arrayBuffer());
}

export function recordPageRun(milliseconds, bytes) {
  diagnostics.lastRun = { mode: 'single', milliseconds, bytes };
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

export function scrollToRow(index) {
  const body = document.querySelector('[data-grid-body]');
  if (body) {
    body.scrollTop = Math.max(0, index * ROW_HEIGHT - body.clientHeight / 2 + ROW_HEIGHT / 2);
  }
}

export function applyTheme(theme) {
  if (theme === 'light' || theme === 'dark') {
    document.documentElement.dataset.theme = theme;
  } else {
    delete document.documentElement.dataset.theme;
  }
}
