// @ts-check
// The page's JavaScript: keeps inputs as browser Files (never one big string), hands them to the engine pool, offers window.csvdiff.
import * as diagnostics from './diagnostics.js';
import { acrossInterop } from './engine-errors.js';
import * as pool from './engine-pool.js';
import { readAll, readSlice } from './file-reads.js';
import * as shardRun from './shard-run.js';

const ROW_HEIGHT = 30;

const inputs = { left: null, right: null };

let page = null;
// How much of a chosen file the engine's look reads (TableSniffer.SampleBytes), handed over by .NET at start.
let sampleBytes = 0;

/** Starts the page's side: file inputs, shortcuts, window.csvdiff and the engine pool. */
export function start(dotnetPage, version, engineSampleBytes) {
  page = dotnetPage;
  sampleBytes = engineSampleBytes;
  document.addEventListener('change', onFileInputChange);
  document.addEventListener('dragover', onDragOver);
  document.addEventListener('drop', onDrop);
  document.addEventListener('keydown', onKeyDown);
  window.csvdiff = {
    version,
    diagnostics: () => diagnostics.report(),
    lastResult: () => globalThis.DotNet.invokeMethod('CsvDiff.Web', 'LastResultJson'),
  };
  pool.startPool(dotnetUrl());
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

async function choose(side, file) {
  if (file.name.toLowerCase().endsWith('.gz') && typeof DecompressionStream !== 'undefined') {
    const plain = await new Response(file.stream().pipeThrough(new DecompressionStream('gzip'))).blob();
    file = new File([plain], file.name.slice(0, -3), { type: 'text/csv' });
  }
  inputs[side] = file;
  const head = await readSlice(file, 0, sampleBytes);
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

export async function workerProblem() {
  return (await pool.poolReady()) ? null : pool.poolReport().fallbackReason;
}

function reportProgress(phase, fraction) {
  page?.invokeMethodAsync('OnProgress', phase, fraction);
}

// Requests in flight per worker (-1: not running), so the progress line shows which workers are at work.
function reportWorkers(busy) {
  page?.invokeMethodAsync('OnWorkerActivity', busy);
}

/**
 * Begins a run with the options .NET encoded (OptionsCodec) and cuts both inputs into shards for the pool; null when there
 * is no pool (workerProblem() says why).
 */
export async function prepareShards(options) {
  if (!(await pool.poolReady())) {
    return null;
  }
  const counts = await acrossInterop(() => shardRun.prepareShards(inputs, options, sampleBytes, reportProgress, reportWorkers));
  return [counts.left, counts.right, counts.workers];
}

export const loadShard = (side, shard, readPlan) => acrossInterop(() => shardRun.loadShard(side, shard, readPlan));

export const sendShard = (side, shard, request) => acrossInterop(() => shardRun.sendShard(side, shard, request));

export const compute = (worker, request) => acrossInterop(() => shardRun.compute(worker, request));

/** Runs the whole diff in one pool worker, for inputs the sharded diff declines. */
export async function compareWhole(options) {
  return acrossInterop(() => shardRun.compareWhole(inputs, options, reportProgress));
}

export function finishRun(strategy, declined, matchMs, assembleMs) {
  shardRun.finishRun(strategy, declined, { matchMs, assembleMs });
}

export function runNotices() {
  return shardRun.runNotices();
}

export async function workerCount() {
  await pool.poolReady();
  return pool.poolReport().workers;
}

export function restartPool(size) {
  const url = new URL(location.href);
  url.searchParams.set('workers', String(size));
  location.assign(url);
}

export function diagnosticsJson() {
  return JSON.stringify(diagnostics.report());
}

export function cancel() {
  shardRun.cancelRun();
}

export function inputName(side) {
  return inputs[side]?.name ?? side;
}

export async function inputBytes(side) {
  return acrossInterop(async () => new Uint8Array(await readAll(inputs[side])));
}

export function recordPageRun(milliseconds, bytes) {
  diagnostics.recordRun({ strategy: 'page', milliseconds, bytes });
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
