// @ts-check
// The pool of engine workers, each a .NET runtime of its own: starts them, cuts inputs into shards, routes requests, survives a worker's death.
import { readAll, readSlice } from './file-reads.js';
import { cutsFrom, headerEnd } from './shard-cuts.js';

const WORKER_START_TIMEOUT_MS = 60_000;
const HEADER_READ_BYTES = 64 << 10;
const MAX_POOL_SIZE = 8;
// Under this a shard costs more in messages than it saves.
const DEFAULT_MIN_SHARD_BYTES = 1 << 20;
// The first shard must hold all 64 KiB the delimiter guess reads (a byte order mark is not counted), or the diff is declined.
const SMALLEST_SHARD_BYTES = (64 << 10) + 4;
const SIDES = ['left', 'right'];
// The first byte of a ShardedDiff request says its kind (ShardMessages); the pool only needs it to time phases.
const HASH_REQUEST = 1;
const SCORE_REQUEST = 3;

const query = new URLSearchParams(location.search);

/**
 * @typedef {{ wasmHeapBytes: number | null, jsHeapBytes: number | null }} WorkerMemory
 * @typedef {{ index: number, state: string, startMs: number | null, wasmHeapBytes: number | null, jsHeapBytes: number | null,
 *   busy?: number, problem?: string | null }} WorkerDetail
 * @typedef {{ resolve: (value: any) => void, reject: (error: Error) => void }} PendingRequest
 * @typedef {{ index: number, worker: Worker | null, state: 'starting' | 'ready' | 'failed' | 'dead', problem: string | null,
 *   startMs: number | null, memory: WorkerMemory | null, busy: number, pending: Map<number, PendingRequest>, ready?: Promise<void>,
 *   onProgress?: ((phase: string, fraction: number) => void) | null }} Slot
 * @typedef {Slot & { worker: Worker }} LiveSlot
 * @typedef {{ strategy: string, milliseconds: number, bytes: number, declined?: string | null, workersUsed?: number,
 *   inputSharing?: string | null, phases?: Record<string, number | null>, notices?: string[] }} RunRecord
 */

/**
 * What the diagnostics panel and window.csvdiff.diagnostics() show about the pool.
 * @type {{ crossOriginIsolated: boolean, sharedArrayBuffer: boolean, hardwareConcurrency: number, deviceMemoryGb: number | null,
 *   isolation: string | null, mode: 'parallel' | 'single' | null, poolSize: number, workers: number, inputSharing: 'shared' | 'per-worker' | null,
 *   fallbackReason: string | null, poolNotes: string[], workerDetails: WorkerDetail[], lastRun: RunRecord | null }}
 */
export const diagnostics = {
  crossOriginIsolated: globalThis.crossOriginIsolated === true,
  sharedArrayBuffer: typeof SharedArrayBuffer !== 'undefined',
  hardwareConcurrency: navigator.hardwareConcurrency ?? 1,
  deviceMemoryGb: navigator.deviceMemory ?? null,
  isolation: null,
  mode: null,
  poolSize: 0,
  workers: 0,
  inputSharing: null,
  fallbackReason: null,
  poolNotes: [],
  workerDetails: [],
  lastRun: null,
};

/** @type {Slot[]} */
let slots = [];
/** @type {Promise<boolean> | null} */
let ready = null;
let nextRequestId = 1;
/** The run under way: its inputs, settings, shards' owners and timings; null between runs. @type {any} */
let run = null;
/** @type {string | null} */
let dotnetUrl = null;
// Bumped by every cancel: work that started before it stops at its next await.
let generation = 0;

function throwIfCancelled(since) {
  if (since !== generation || !run) {
    throw new Error('cancelled');
  }
}

/** Starts the pool once; resolves to true when at least one worker runs .NET, false with diagnostics.fallbackReason set. */
export function startPool(frameworkUrl) {
  dotnetUrl = frameworkUrl;
  diagnostics.mode = null;
  diagnostics.fallbackReason = null;
  const { size, notes } = chooseSize();
  diagnostics.poolSize = size;
  diagnostics.poolNotes = notes;
  diagnostics.inputSharing = sharingMode();
  diagnostics.isolation = window.csvdiffIsolation ?? null;
  if (diagnostics.inputSharing === 'per-worker') {
    const why = query.get('sharing') === 'off'
      ? 'sharing is turned off by ?sharing=off'
      : !diagnostics.crossOriginIsolated ? 'the page is not cross-origin isolated, so SharedArrayBuffer is off' : 'this browser has no SharedArrayBuffer';
    diagnostics.fallbackReason = `${why}: each worker reads its own parts of the files, and the bytes around each cut are read twice`;
  }
  if (size === 0) {
    return fail('workers are turned off by ?workers=off');
  }
  slots = Array.from({ length: size }, (_, index) => startSlot(index));
  ready = Promise.all(slots.map((slot) => slot.ready)).then(() => {
    const live = slots.filter((slot) => slot.state === 'ready');
    diagnostics.workers = live.length;
    if (live.length === 0) {
      return fail(slots[0].problem);
    }
    diagnostics.mode = 'parallel';
    if (live.length < size) {
      diagnostics.poolNotes.push(`${size - live.length} of ${size} workers did not start: ${slots.find((s) => s.problem)?.problem}`);
    }
    return true;
  });
  return ready;
}

function fail(reason) {
  diagnostics.mode = 'single';
  diagnostics.workers = 0;
  diagnostics.fallbackReason = reason;
  return (ready = Promise.resolve(false));
}

export function poolReady() {
  return ready ?? Promise.resolve(false);
}

function chooseSize() {
  const notes = [];
  const asked = query.get('workers');
  if (asked === 'off') {
    return { size: 0, notes };
  }
  let size = Math.min(diagnostics.hardwareConcurrency, MAX_POOL_SIZE);
  if (asked !== null && Number.isInteger(Number(asked)) && Number(asked) >= 1) {
    size = Math.min(Number(asked), MAX_POOL_SIZE);
    notes.push(`pool size ${size} set by ?workers=${asked}`);
  } else if (diagnostics.deviceMemoryGb !== null && diagnostics.deviceMemoryGb < size) {
    // Every worker holds a .NET runtime and its shards; on a small device fewer, fuller workers are safer.
    size = Math.max(1, Math.floor(diagnostics.deviceMemoryGb));
    notes.push(`pool reduced to ${size} because the device reports ${diagnostics.deviceMemoryGb} GB of memory`);
  }
  return { size, notes };
}

function sharingMode() {
  const canShare = diagnostics.crossOriginIsolated && diagnostics.sharedArrayBuffer;
  return canShare && query.get('sharing') !== 'off' ? 'shared' : 'per-worker';
}

/** @returns {Slot} */
function startSlot(index) {
  /** @type {Slot} */
  const slot = { index, worker: null, state: 'starting', problem: null, startMs: null, memory: null, busy: 0, pending: new Map() };
  const started = performance.now();
  diagnostics.workerDetails[index] = { index, state: 'starting', startMs: null, wasmHeapBytes: null, jsHeapBytes: null };
  slot.ready = new Promise((/** @type {() => void} */ resolve) => {
    /** @param {Slot['state']} state @param {string | null} problem */
    const settle = (state, problem) => {
      clearTimeout(timer);
      slot.state = state;
      slot.problem = problem;
      describe(slot);
      resolve();
    };
    const timer = setTimeout(() => {
      slot.worker?.terminate();
      settle('failed', `the engine worker did not start within ${WORKER_START_TIMEOUT_MS / 1000} s`);
    }, WORKER_START_TIMEOUT_MS);
    try {
      slot.worker = new Worker(new URL('./engine-worker.js', import.meta.url), { type: 'module' });
    } catch (error) {
      settle('failed', `a worker cannot start here: ${error instanceof Error ? error.message : String(error)}`);
      return;
    }
    const worker = slot.worker;
    worker.addEventListener('message', ({ data }) => {
      if (data.memory) {
        slot.memory = data.memory;
      }
      switch (data.type) {
        case 'ready':
          slot.startMs = Math.round(performance.now() - started);
          settle('ready', null);
          break;
        case 'failed':
          worker.terminate();
          settle('failed', `the engine worker could not start .NET: ${data.reason}`);
          break;
        case 'progress':
          slot.onProgress?.(data.phase, data.fraction);
          break;
        case 'reply':
        case 'error':
          settleRequest(slot, data);
          break;
      }
    });
    worker.addEventListener('error', (event) => {
      event.preventDefault();
      if (slot.state === 'starting') {
        settle('failed', `the engine worker stopped while starting: ${event.message ?? 'its script did not load'}`);
      } else {
        died(slot, `it stopped: ${event.message}`);
      }
    });
    // ?fault=worker-start tests the fallback a browser without working workers gets: every worker fails to load .NET.
    const url = query.get('fault') === 'worker-start' ? new URL('./_framework/missing-dotnet.js', document.baseURI).href : dotnetUrl;
    worker.postMessage({ type: 'start', dotnetUrl: url });
  });
  return slot;
}

function describe(slot) {
  diagnostics.workerDetails[slot.index] = {
    index: slot.index,
    state: slot.state,
    startMs: slot.startMs,
    wasmHeapBytes: slot.memory?.wasmHeapBytes ?? null,
    jsHeapBytes: slot.memory?.jsHeapBytes ?? null,
    busy: slot.busy,
    problem: slot.problem,
  };
  diagnostics.workers = slots.filter((s) => s.state === 'ready').length;
  run?.onWorkers?.(slots.map((s) => (s.state === 'ready' ? s.busy : -1)));
}

function post(slot, message, transfer = []) {
  const id = nextRequestId++;
  return new Promise((resolve, reject) => {
    slot.pending.set(id, { resolve, reject });
    slot.busy++;
    describe(slot);
    slot.worker.postMessage({ ...message, id }, transfer);
  });
}

function settleRequest(slot, data) {
  const request = slot.pending.get(data.id);
  if (!request) {
    return;
  }
  slot.pending.delete(data.id);
  slot.busy--;
  describe(slot);
  if (data.type === 'reply') {
    request.resolve(data.bytes ? new Uint8Array(data.bytes) : data.value);
  } else if (data.unreadable) {
    // An input could not be read (see file-reads.js): the worker is fine, the comparison is not.
    request.reject(new Error(data.message));
  } else {
    // An exception out of the engine means the runtime itself is in trouble (out of memory, an abort): retire the worker.
    request.reject(new WorkerLost(`it failed: ${data.message}`));
    died(slot, `it failed: ${data.message}`);
  }
}

class WorkerLost extends Error {}

function died(slot, reason) {
  if (slot.state === 'dead') {
    return;
  }
  slot.state = 'dead';
  slot.problem = reason;
  slot.worker?.terminate();
  for (const request of slot.pending.values()) {
    request.reject(new WorkerLost(reason));
  }
  slot.pending.clear();
  slot.busy = 0;
  describe(slot);
  run?.notices.push(`Worker ${slot.index + 1} stopped during the comparison (${reason}); its work was redone.`);
  // A fresh worker takes the slot for the next comparison; this one carries on with the workers still alive.
  const replacement = startSlot(slot.index);
  slots[slot.index] = replacement;
}

/** @returns {LiveSlot[]} */
function liveSlots() {
  return slots.filter(/** @type {(slot: Slot) => slot is LiveSlot} */ ((slot) => slot.state === 'ready' && slot.worker !== null));
}

// ---- One comparison cut into shards ----

/**
 * Cuts both inputs after line breaks outside quotes into up to one shard per worker. The workers read and scan the
 * inputs' ranges side by side, each keeping what it read for the shards it will load. Returns the shard counts the
 * page's coordinator works with.
 */
export async function prepareShards(files, settings, onProgress, onWorkers) {
  const since = generation;
  const live = liveSlots();
  const minShardBytes = Math.max(SMALLEST_SHARD_BYTES, Number(query.get('min-shard-bytes')) || DEFAULT_MIN_SHARD_BYTES);
  const started = performance.now();
  run = { files, settings, sides: {}, owners: new Map(), notices: [], phases: {}, started, bytes: 0, onWorkers };
  for (const slot of live) {
    slot.worker.postMessage({ type: 'clear' });
    slot.onProgress = onProgress;
  }
  const cuts = await Promise.all(SIDES.map((side, sideIndex) => {
    const file = files[side];
    const count = Math.max(1, Math.min(live.length, Math.floor(file.size / minShardBytes)));
    return cut(file, sideIndex, count, live, diagnostics.inputSharing === 'shared', since);
  }));
  throwIfCancelled(since);
  SIDES.forEach((side, i) => {
    run.sides[side] = cuts[i];
    run.bytes += files[side].size;
  });
  run.phases.readMs = Math.round(performance.now() - started);
  return { left: run.sides.left.ranges.length, right: run.sides.right.ranges.length, workers: live.length };
}

// Splits the input into as many even ranges as it is to have shards; the worker that is to load shard k reads and scans
// range k. Left ranges go round the pool from its first worker and right ones from its last, so the two inputs' first
// ranges (whose quotes are counted to the end, unlike the last ranges') fall on different workers.
async function cut(file, sideIndex, count, live, share, since) {
  const header = await findHeaderEnd(file);
  throwIfCancelled(since);
  const ranges = header === 0 ? 1 : count;
  const bounds = Array.from({ length: ranges + 1 }, (_, k) => Math.floor((file.size * k) / ranges));
  const owners = bounds.slice(1).map((_, k) => live[sideIndex === 0 ? k % live.length : live.length - 1 - (k % live.length)]);
  const shared = share ? new SharedArrayBuffer(file.size) : null;
  const scans = await Promise.all(owners.map((slot, k) => scanOn(slot, {
    type: 'scan', side: sideIndex, file, shared, start: bounds[k], end: bounds[k + 1], countAll: k < ranges - 1, findPlaces: k > 0,
  })));
  const starts = [0, ...cutsFrom(scans, header, file.size)];
  return { file, shared, headerEnd: header, owners, ranges: starts.map((start, k) => ({ start, end: starts[k + 1] ?? file.size })) };
}

// The header record is short, so the page finds its end itself, reading more only for an unusually long one.
async function findHeaderEnd(file) {
  for (let length = HEADER_READ_BYTES; ; length *= 4) {
    const end = headerEnd(await readSlice(file, 0, length));
    if (end > 0 || length >= file.size) {
      return end;
    }
  }
}

// A scan is only reading, so a worker that dies during one has it redone by another.
async function scanOn(slot, message, attempt = 0) {
  try {
    return await post(slot, message);
  } catch (error) {
    const others = liveSlots();
    if (!(error instanceof WorkerLost) || attempt >= 2 || others.length === 0) {
      throw error;
    }
    return scanOn(others[attempt % others.length], message, attempt + 1);
  }
}

function ownerOf(side, shard) {
  return run.owners.get(`${side}/${shard}`);
}

/** Has a worker read one shard; resolves to ShardWorker.Load's summary. */
export function loadShard(sideIndex, shard, readPlan) {
  throwIfCancelled(generation);
  const side = SIDES[sideIndex];
  // Kept for reloading the shard elsewhere should its worker die.
  run.sides[side].readPlan = readPlan;
  // The worker that scanned the shard's range holds most of its bytes already.
  const scanned = run.sides[side].owners[shard];
  const live = liveSlots();
  return loadOn(scanned?.state === 'ready' ? scanned : live[shard % Math.max(1, live.length)], side, shard);
}

function loadOn(slot, side, shard, attempt = 0) {
  if (!slot) {
    return Promise.reject(new Error('every engine worker has stopped'));
  }
  /** @type {{ slot: Slot, loaded: Promise<any> | null }} */
  const entry = { slot, loaded: null };
  run.owners.set(`${side}/${shard}`, entry);
  entry.loaded = timed('loadMs', () => post(slot, shardMessage(side, shard))).catch((error) => {
    if (!(error instanceof WorkerLost) || attempt >= 2 || !run || run.cancelled) {
      throw error;
    }
    const others = liveSlots();
    return loadOn(others[(shard + attempt) % Math.max(1, others.length)], side, shard, attempt + 1);
  });
  return entry.loaded;
}

// The worker takes the shard's bytes from the shared copy of the input, or from what it read while cutting and the file.
function shardMessage(side, shard) {
  const { file, shared, headerEnd: header, ranges, readPlan } = run.sides[side];
  const { start, end } = ranges[shard];
  const headerLength = shard === 0 ? 0 : header;
  return { type: 'load', side: SIDES.indexOf(side), shard, name: file.name, file, shared, headerLength, start, end, readPlan, settings: run.settings };
}

/** Sends a ShardedDiff request to the worker holding the shard; a worker that dies has the shard reloaded elsewhere and the request redone. */
export async function sendShard(sideIndex, shard, request) {
  throwIfCancelled(generation);
  const side = SIDES[sideIndex];
  const phase = request[0] === HASH_REQUEST ? 'hashMs' : 'fetchMs';
  return timed(phase, async () => {
    for (let attempt = 0; ; attempt++) {
      const entry = ownerOf(side, shard);
      try {
        await entry.loaded;
        if (entry.slot.state !== 'ready') {
          throw new WorkerLost(entry.slot.problem ?? 'it stopped');
        }
        const reply = post(entry.slot, { type: 'request', request, settings: run.settings }, []);
        injectFault(entry.slot);
        return await reply;
      } catch (error) {
        if (!(error instanceof WorkerLost) || attempt >= 2 || !run || run.cancelled) {
          throw error;
        }
        if (ownerOf(side, shard) === entry) {
          const others = liveSlots();
          loadOn(others[(shard + attempt) % Math.max(1, others.length)], side, shard);
        }
      }
    }
  });
}


/** Runs a request that needs no shard (matching a hash partition, scoring similarity) on a live worker, another if that one dies. */
export async function compute(worker, request) {
  throwIfCancelled(generation);
  // Matching is timed on the page as a whole (matchMs); similarity scoring only happens here.
  return timed(request[0] === SCORE_REQUEST ? 'pairMs' : 'computeMs', async () => {
    for (let attempt = 0; ; attempt++) {
      const live = liveSlots();
      if (live.length === 0) {
        throw new Error('every engine worker has stopped');
      }
      try {
        return await post(live[(worker + attempt) % live.length], { type: 'request', request, settings: run.settings }, []);
      } catch (error) {
        if (!(error instanceof WorkerLost) || attempt >= 2 || !run || run.cancelled) {
          throw error;
        }
      }
    }
  });
}

// ?fault=kill-worker stops worker 2 (or the only one) while it works on its first request, as a crash would.
function injectFault(slot) {
  if (query.get('fault') === 'kill-worker' && !run.faulted && slot.index === Math.min(1, slots.length - 1)) {
    run.faulted = true;
    died(slot, 'it was stopped by ?fault=kill-worker');
  }
}

async function timed(phase, work) {
  const started = performance.now();
  try {
    return await work();
  } finally {
    const phases = run?.phases;
    if (phases) {
      // Requests overlap, so a phase lasts from its first start to its last end.
      phases[`${phase}Start`] ??= started - run.started;
      phases[phase] = Math.round(performance.now() - run.started - phases[`${phase}Start`]);
    }
  }
}

/** Frees every worker's shards and the shared copies of the inputs; returns the run's record for the diagnostics. */
export function finishRun(strategy, declined, pagePhases = {}) {
  if (!run) {
    return;
  }
  for (const slot of liveSlots()) {
    slot.worker.postMessage({ type: 'clear' });
    slot.onProgress = null;
  }
  const { phases } = run;
  diagnostics.lastRun = {
    strategy,
    declined: declined ?? null,
    workersUsed: new Set([...run.owners.values()].map((entry) => entry.slot.index)).size,
    inputSharing: diagnostics.inputSharing,
    milliseconds: Math.round(performance.now() - run.started),
    bytes: run.bytes,
    phases: {
      readMs: phases.readMs ?? null,
      loadMs: phases.loadMs ?? null,
      hashMs: phases.hashMs ?? null,
      matchMs: pagePhases.matchMs ?? null,
      fetchMs: phases.fetchMs ?? null,
      pairMs: phases.pairMs ?? null,
      assembleMs: pagePhases.assembleMs ?? null,
    },
    notices: run.notices,
  };
  run = null;
}

export function runNotices() {
  return run?.notices ?? [];
}

/** Runs the whole diff in one worker: for inputs the sharded diff declines. */
export async function compareWhole(files, settings, onProgress) {
  const since = generation;
  const slot = liveSlots()[0];
  if (!slot) {
    throw new Error('every engine worker has stopped');
  }
  const [left, right] = await Promise.all([readAll(files.left), readAll(files.right)]);
  throwIfCancelled(since);
  // Shards loaded for a declined sharded run would only crowd the heap the whole inputs now need.
  for (const live of liveSlots()) {
    live.worker.postMessage({ type: 'clear' });
  }
  slot.onProgress = onProgress;
  return post(slot, { type: 'compare', leftName: files.left.name, left, rightName: files.right.name, right, settings }, [left, right]);
}

/** Stops every worker's work at once (synchronous .NET code cannot be interrupted otherwise) and starts a fresh pool. */
export function cancelAll() {
  generation++;
  if (run) {
    run.cancelled = true;
  }
  const stopped = slots;
  for (const slot of stopped) {
    slot.state = 'dead';
    slot.worker?.terminate();
    for (const request of slot.pending.values()) {
      request.reject(new Error('cancelled'));
    }
  }
  run = null;
  startPool(dotnetUrl);
}
