// @ts-check
// The comparison under way on the engine pool: its state, the options its workers are given once, the retries of work a
// dying worker drops, the timing of its phases, its record for the diagnostics, and cancelling it. How its inputs are cut
// and routed is shard-run.js's.
import { recordPoolRun } from './diagnostics.js';
import { EngineError } from './engine-errors.js';
import { liveSlots, poolEvents, post, restartPool, WorkerLost } from './engine-pool.js';
import { readAll } from './file-reads.js';
import { hearDiffAhead, heldFor } from './read-ahead.js';

/**
 * @typedef {import('./engine-pool.js').Slot} Slot
 * @typedef {{ slot: Slot, loaded: Promise<any> }} Owner
 * @typedef {{ file: File, headerEnd: number, owners: Slot[], ranges: { start: number, end: number }[],
 *   readPlan?: Uint8Array }} CutInput
 * @typedef {{ files: Record<string, File>, options: Uint8Array, begun: Set<Slot>, sides: Record<string, CutInput>, owners: Map<string, Owner>,
 *   notices: string[], phases: Record<string, number>, started: number, bytes: number, cancelled?: boolean, faulted?: boolean,
 *   readAhead?: 'inputs' | 'diff' | 'result' }} Run
 */

/** The run under way; null between runs. @type {Run | null} */
let run = null;
// Bumped by every cancel: work that started before it stops at its next await.
let generation = 0;

poolEvents.addEventListener('lost', (event) => {
  const { index, reason } = /** @type {CustomEvent} */ (event).detail;
  run?.notices.push(`Worker ${index + 1} stopped during the comparison (${reason}); its work was redone.`);
});

/**
 * Begins a run over `files` with `options` (DiffOptions as OptionsCodec encodes them). Returns the generation to pass to
 * current() after each await.
 */
export function beginRun(files, options) {
  run = { files, options, begun: new Set(), sides: {}, owners: new Map(), notices: [], phases: {}, started: performance.now(), bytes: 0 };
  return generation;
}

/** Whether a run is under way: work ahead of a run leaves the workers alone meanwhile. */
export function runUnderWay() {
  return run !== null;
}

/** The run under way, if it is the one begun at generation `since`; otherwise it was cancelled, and this throws so. @returns {Run} */
export function current(since = generation) {
  if (since !== generation || !run) {
    throw new EngineError('cancelled', 'cancelled');
  }
  return run;
}

/**
 * Runs `attempt(n)` for n = 0, 1, 2 until one succeeds: a worker lost on the way has its work tried again (on the worker the
 * attempt chooses), unless the run was cancelled; any other failure ends the run.
 * @template T @param {(n: number) => Promise<T>} attempt @returns {Promise<T>}
 */
export async function withRetries(attempt) {
  for (let n = 0; ; n++) {
    try {
      return await attempt(n);
    } catch (error) {
      if (!(error instanceof WorkerLost) || n >= 2 || !run || run.cancelled) {
        throw error;
      }
    }
  }
}

/**
 * Sends a request within the run: a worker taking part for the first time (the pool may have replaced one that died) is
 * first given the run's options, once (WorkerExports.BeginRun); requests then carry none.
 * @param {Run} thisRun @param {Slot} slot @param {any} message @param {Transferable[]} [transfer]
 */
export function postInRun(thisRun, slot, message, transfer = []) {
  if (!thisRun.begun.has(slot)) {
    thisRun.begun.add(slot);
    slot.worker?.postMessage({ type: 'begin', options: thisRun.options });
  }
  return post(slot, message, transfer);
}

/** The n-th live worker, counting round the pool, for work any of them can do. */
export function anyLive(n) {
  const live = liveSlots();
  if (live.length === 0) {
    throw new WorkerLost('every engine worker has stopped');
  }
  return live[n % live.length];
}

/**
 * Times `work` as part of `phase` of the run's record; requests overlap, so a phase lasts from its first start to its last end.
 * @template T @param {string} phase @param {() => Promise<T>} work @returns {Promise<T>}
 */
export async function timed(phase, work) {
  const started = performance.now();
  try {
    return await work();
  } finally {
    if (run) {
      const phases = run.phases;
      phases[`${phase}Start`] ??= started - run.started;
      phases[phase] = Math.round(performance.now() - run.started - phases[`${phase}Start`]);
    }
  }
}

/** Frees every worker's shards and the ranges it read, and keeps the run's record for the diagnostics. */
export function finishRun(strategy, declined, pagePhases = {}) {
  if (!run) {
    return;
  }
  for (const slot of liveSlots()) {
    slot.worker.postMessage({ type: 'clear' });
  }
  recordPoolRun({
    strategy,
    declined,
    workersUsed: new Set([...run.owners.values()].map((owner) => owner.slot.index)).size,
    milliseconds: Math.round(performance.now() - run.started),
    bytes: run.bytes,
    phases: run.phases,
    pagePhases,
    // What the run found made before its Compare: its inputs read as tables, or their diff with its options as well.
    readAhead: run.readAhead ?? 'none',
    notices: run.notices,
  });
  run = null;
}

/** What happened to workers during the run, for the user. */
export function runNotices() {
  return run?.notices ?? [];
}

/**
 * Runs the whole diff in one worker: for small inputs, which cost less whole than in shards, and for inputs the sharded diff
 * declines. `options` as in beginRun; a run is begun here when none is under way, so that finishRun records it. Resolves to
 * the worker's reply (EngineCall's bytes), or to null when the page already holds it: the reply of the diff made ahead of
 * read-ahead `resultOnPage` (0: none), handed to the page then (read-ahead.js), if that is this Compare's diff.
 * @param {number} resultOnPage @returns {Promise<Uint8Array | null>}
 */
export async function compareWhole(files, options, onProgress, resultOnPage) {
  if (!run) {
    beginRun(files, options);
    current().bytes = files.left.size + files.right.size;
  }
  const since = generation;
  const slot = anyLive(0);
  // Recorded as the run's one worker, for the diagnostics.
  current(since).owners.set('whole', { slot, loaded: Promise.resolve() });
  const held = await heldFor(slot, files, options);
  current(since);
  // Shards loaded for a declined sharded run would only crowd the heap the whole inputs now need.
  for (const live of liveSlots()) {
    live.worker.postMessage({ type: 'clear' });
  }
  if (held?.diffed && held.id === resultOnPage) {
    await held.unchanged;
    current(since).readAhead = 'result';
    return null;
  }
  if (held) {
    if (held.diffed) {
      // Its diff, made ahead, is this Compare's: pressed while that diff runs, it shows how far it has got.
      hearDiffAhead(held.id, onProgress);
    }
    // A file changed on disk fails the run with its name at once; the worker's diff of what it held is then left unread.
    const compared = post(slot, { type: 'compare-read-ahead', readAheadId: held.id, options }, [], onProgress);
    const [reply] = await Promise.all([compared, held.unchanged]);
    if (reply !== null) {
      current(since).readAhead = held.diffed ? 'diff' : 'inputs';
      return reply;
    }
  }
  const [left, right] = await Promise.all([readAll(files.left), readAll(files.right)]);
  current(since);
  return post(slot, { type: 'compare', leftName: files.left.name, left, rightName: files.right.name, right, options }, [left, right], onProgress);
}

/** Stops the run and every worker's work at once; a fresh pool starts for the next run. */
export function cancelRun() {
  generation++;
  if (run) {
    run.cancelled = true;
  }
  run = null;
  restartPool();
}
