// @ts-check
// What .NET's EngineRunner calls, through BrowserBridge, to run a comparison on the engine pool: each call hands its
// failure across as a kind (engine-errors.js), and the pool's progress and activity go back to the page's component.
import * as diagnostics from './diagnostics.js';
import { acrossInterop } from './engine-errors.js';
import * as pool from './engine-pool.js';
import * as engineRun from './engine-run.js';
import { chosenFiles, inputBytes as readInput } from './inputs.js';
import { readAheadWith, setReadAheadLimits } from './read-ahead.js';
import * as shardRun from './shard-run.js';
import { switches } from './url-switches.js';

/** @type {any} The page's component (a DotNetObjectReference), told of progress and worker activity. */
let page = null;
let sampleBytes = 0;

/**
 * Connects the engine to the page's component, with how much of an input the engine's look reads (TableSniffer.SampleBytes),
 * the size under which inputs run whole in one worker (EngineRunner.WholeRunBelowBytes), and how much input a worker can
 * hold in shards (BrowserMemory.InputBytesPerEngine): what the page reads ahead, and how.
 */
export function connect(dotnetPage, engineSampleBytes, wholeRunBelowBytes, inputBytesPerWorker) {
  page = dotnetPage;
  sampleBytes = engineSampleBytes;
  setReadAheadLimits({ wholeBelowBytes: switches.wholeBelowBytes ?? wholeRunBelowBytes, sampleBytes, inputBytesPerWorker });
  // From the start, not only during a run: a Compare pressed while the pool starts says how many workers are ready.
  pool.poolEvents.addEventListener('workers', (event) => reportWorkers(/** @type {CustomEvent} */ (event).detail));
}

// Each call into the page's component renders it (in the interpreter), and workers report every whole percent: what
// arrives within one frame is coalesced, and only the latest progress and worker activity go to .NET, once a frame.
/** @type {[string, number] | null} */
let pendingProgress = null;
/** @type {number[] | null} */
let pendingWorkers = null;
let frameRequested = false;

function reportProgress(phase, fraction) {
  pendingProgress = [phase, fraction];
  requestFrame();
}

// Requests in flight per worker (-1: not running), so the progress line shows which workers are at work.
function reportWorkers(busy) {
  pendingWorkers = busy;
  requestFrame();
}

function requestFrame() {
  if (!frameRequested) {
    frameRequested = true;
    requestAnimationFrame(reportToPage);
  }
}

function reportToPage() {
  frameRequested = false;
  if (pendingProgress) {
    page?.invokeMethodAsync('OnProgress', ...pendingProgress);
    pendingProgress = null;
  }
  if (pendingWorkers) {
    page?.invokeMethodAsync('OnWorkerActivity', pendingWorkers);
    pendingWorkers = null;
  }
}

/**
 * Reads the chosen inputs ahead: as tables with the page's options of now (OptionsCodec) when they are small enough to run
 * whole, and diffed with them, otherwise as the ranges the workers read for their shards. A diff made ahead whose reply is at
 * most `resultMaxBytes` long goes to the page's component (TakeResultAhead) as soon as it is made.
 * @param {Uint8Array} options @param {number} resultMaxBytes
 */
export function readAhead(options, resultMaxBytes) {
  void readAheadWith(options, resultMaxBytes, async (readAheadId, reply) => page?.invokeMethodAsync('TakeResultAhead', readAheadId, reply));
}

/** The `?whole-below` switch: null unless the URL sets where small inputs stop running whole. */
export function wholeBelowSwitch() {
  return switches.wholeBelowBytes;
}

export async function workerProblem() {
  return (await pool.poolReady()) ? null : pool.poolReport().fallbackReason;
}

/**
 * Resolves once the pool is ready, no worker is warming up, and the page is next idle: when the page's own warm-up
 * (EngineRunner.WarmUpAsync) takes the page's thread from no one, neither the workers starting nor a person's first step.
 */
export async function pageIdle() {
  await pool.poolReady();
  while (!pool.warmUpsOver()) {
    await new Promise((resolve) => pool.poolEvents.addEventListener('warmed', resolve, { once: true }));
  }
  // A browser without idle callbacks (Safari) runs it after the tasks queued now.
  await new Promise((resolve) => (typeof requestIdleCallback === 'function'
    ? requestIdleCallback(resolve, { timeout: IDLE_WAIT_MS })
    : setTimeout(resolve, 0)));
}

// How long the page's warm-up waits for an idle moment before it runs anyway.
const IDLE_WAIT_MS = 2_000;

/** How many pool workers run .NET (0 when the page runs the engine itself). */
export async function workerCount() {
  await pool.poolReady();
  return pool.poolReport().workers;
}

/**
 * Begins a run with the options .NET encoded (OptionsCodec) and cuts both inputs into shards for the pool: [left shards,
 * right shards, workers], or null when there is no pool (workerProblem() says why).
 */
export async function prepareShards(options) {
  if (!(await pool.poolReady())) {
    return null;
  }
  const counts = await acrossInterop(() => shardRun.prepareShards(chosenFiles(), options, sampleBytes));
  return [counts.left, counts.right, counts.workers];
}

export const loadShard = (side, shard, readPlan) => acrossInterop(() => shardRun.loadShard(side, shard, readPlan));

export const sendShard = (side, shard, request) => acrossInterop(() => shardRun.sendShard(side, shard, request));

export const compute = (worker, request) => acrossInterop(() => shardRun.compute(worker, request));

/**
 * Runs a request on a worker with the answers of shard requests, given as parallel arrays of sides, shards and requests.
 * @param {number} worker @param {Uint8Array} request @param {number[]} sides @param {number[]} shards @param {Uint8Array[]} requests
 */
export const computeGathering = (worker, request, sides, shards, requests) => acrossInterop(() =>
  shardRun.computeGathering(worker, request, sides.map((side, i) => ({ side, shard: shards[i], request: requests[i] }))));

/**
 * Runs the whole diff in one pool worker, for small inputs and inputs the sharded diff declines; the ranges read ahead for
 * shards go. Null: the page holds the reply already, the diff made ahead of read-ahead `resultOnPage` (see readAhead).
 */
export const compareWhole = (options, resultOnPage) => acrossInterop(() => {
  shardRun.dropRangesReadAhead();
  return engineRun.compareWhole(chosenFiles(), options, reportProgress, resultOnPage);
});

export function finishRun(strategy, declined, matchMs, assembleMs) {
  engineRun.finishRun(strategy, declined, { matchMs, assembleMs });
}

export const runNotices = () => engineRun.runNotices();

export const cancel = () => engineRun.cancelRun();

/** The inputs' bytes, for the engine when it runs on the page. */
export const inputBytes = (side) => acrossInterop(() => readInput(side));

export { inputName } from './inputs.js';

export function recordPageRun(milliseconds, bytes) {
  diagnostics.recordRun({ strategy: 'page', milliseconds, bytes });
}
