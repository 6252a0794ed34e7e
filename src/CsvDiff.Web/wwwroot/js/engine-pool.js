// @ts-check
// The pool of engine workers, each a .NET runtime of its own: starts them, sends them requests, replaces one that dies.
// It knows nothing of a comparison: shard-run.js routes one run's work over it and listens to its events.
import { EngineError } from './engine-errors.js';
import { planPool } from './pool-plan.js';
import { switches } from './url-switches.js';

const WORKER_START_TIMEOUT_MS = 60_000;
// How late ?fault=slow-start starts the workers after the first, and ?fault=late-warm-up has each begin its warm-up.
const SLOW_START_MS = 5_000;
const LATE_WARM_UP_MS = 5_000;

/**
 * @typedef {{ wasmHeapBytes: number | null, jsHeapBytes: number | null }} WorkerMemory
 * @typedef {{ index: number, state: string, startMs: number | null, warmUp: string | null, warmedMs: number | null,
 *   wasmHeapBytes: number | null, jsHeapBytes: number | null, busy?: number, problem?: string | null }} WorkerDetail
 * @typedef {(phase: string, fraction: number) => void} ProgressListener
 * @typedef {{ resolve: (value: any) => void, reject: (error: Error) => void, onProgress: ProgressListener | null }} PendingRequest
 * @typedef {{ index: number, worker: Worker | null, state: 'starting' | 'ready' | 'failed' | 'dead', problem: string | null,
 *   startMs: number | null, warmUp: string | null, warmedMs: number | null, memory: WorkerMemory | null, busy: number,
 *   pending: Map<number, PendingRequest>, ready?: Promise<void> }} Slot
 * @typedef {Slot & { worker: Worker }} LiveSlot
 */

/**
 * What the diagnostics panel and window.csvdiff.diagnostics() show about the pool; only this module writes it.
 * @type {{ crossOriginIsolated: boolean, sharedArrayBuffer: boolean, hardwareConcurrency: number, deviceMemoryGb: number | null,
 *   isolation: string | null, mode: 'parallel' | 'single' | null, poolSize: number, workers: number,
 *   fallbackReason: string | null, poolNotes: string[], workerDetails: WorkerDetail[] }}
 */
const diagnostics = {
  crossOriginIsolated: globalThis.crossOriginIsolated === true,
  sharedArrayBuffer: typeof SharedArrayBuffer !== 'undefined',
  hardwareConcurrency: navigator.hardwareConcurrency ?? 1,
  deviceMemoryGb: navigator.deviceMemory ?? null,
  isolation: null,
  mode: null,
  poolSize: 0,
  workers: 0,
  fallbackReason: null,
  poolNotes: [],
  workerDetails: [],
};

/** A copy of the pool's diagnostics. */
export function poolReport() {
  return structuredClone(diagnostics);
}

/**
 * What the pool tells whoever runs work on it: `workers` (detail: requests in flight per worker, -1 for one not running),
 * `lost` (detail: { index, reason } of a worker that died and was replaced) and `warmed` (a worker's warm-up ended).
 */
export const poolEvents = new EventTarget();

/** A worker died or failed: its requests fail with this, and may be tried again elsewhere. */
export class WorkerLost extends EngineError {
  /** @param {string} message */
  constructor(message) {
    super('worker-lost', message);
  }
}

/** @type {Slot[]} */
let slots = [];
/** @type {Promise<boolean> | null} */
let ready = null;
let nextRequestId = 1;
/** Whether a request has been sent: the first stops every worker's warm-up. */
let requested = false;
/** @type {string | null} */
let dotnetUrl = null;

/** Starts the pool once; resolves to true when at least one worker runs .NET, false with diagnostics.fallbackReason set. */
export function startPool(frameworkUrl) {
  dotnetUrl = frameworkUrl;
  requested = false;
  diagnostics.mode = null;
  const { size, notes } = planPool(diagnostics);
  diagnostics.poolSize = size;
  diagnostics.poolNotes = notes;
  diagnostics.isolation = window.csvdiffIsolation ?? null;
  diagnostics.fallbackReason = null;
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

/** @returns {Slot} */
function startSlot(index) {
  /** @type {Slot} */
  const slot = {
    index, worker: null, state: 'starting', problem: null, startMs: null, warmUp: null, warmedMs: null, memory: null, busy: 0, pending: new Map(),
  };
  const started = performance.now();
  diagnostics.workerDetails[index] = { index, state: 'starting', startMs: null, warmUp: null, warmedMs: null, wasmHeapBytes: null, jsHeapBytes: null };
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
          // Ready to take requests: it compiles its hot paths meanwhile, until one comes ('warmed').
          slot.warmUp = 'running';
          settle('ready', null);
          break;
        case 'warmed':
          slot.warmUp = data.outcome;
          slot.warmedMs = Math.round(performance.now() - started);
          describe(slot);
          poolEvents.dispatchEvent(new Event('warmed'));
          break;
        case 'failed':
          worker.terminate();
          settle('failed', `the engine worker could not start .NET: ${data.reason}`);
          break;
        case 'progress':
          // Progress belongs to the request whose work reports it: a diff made ahead that still runs as another run begins
          // does not show on that run's bar.
          slot.pending.get(data.id)?.onProgress?.(data.phase, data.fraction);
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
        retire(slot, `it stopped: ${event.message}`);
      }
    });
    // ?fault=worker-start tests the fallback a browser without working workers gets: every worker fails to load .NET.
    const url = switches.fault === 'worker-start' ? new URL('./_framework/missing-dotnet.js', document.baseURI).href : dotnetUrl;
    const delay = switches.fault === 'slow-start' && index > 0 ? SLOW_START_MS : 0;
    // The first worker is the one small diffs run whole in (engine-run.js, anyLive(0)): it warms that path too.
    const warmUpDelayMs = switches.fault === 'late-warm-up' ? LATE_WARM_UP_MS : 0;
    setTimeout(() => worker.postMessage({ type: 'start', dotnetUrl: url, warmWhole: index === 0, warmUpDelayMs }), delay);
  });
  return slot;
}

function describe(slot) {
  diagnostics.workerDetails[slot.index] = {
    index: slot.index,
    state: slot.state,
    startMs: slot.startMs,
    warmUp: slot.warmUp,
    warmedMs: slot.warmedMs,
    wasmHeapBytes: slot.memory?.wasmHeapBytes ?? null,
    jsHeapBytes: slot.memory?.jsHeapBytes ?? null,
    busy: slot.busy,
    problem: slot.problem,
  };
  diagnostics.workers = slots.filter((s) => s.state === 'ready').length;
  poolEvents.dispatchEvent(new CustomEvent('workers', { detail: slots.map((s) => (s.state === 'ready' ? s.busy : -1)) }));
}

/**
 * Sends a request to a worker; resolves to its reply (bytes, or a plain value), rejects with WorkerLost if the worker dies
 * or never ran. The progress its work reports (a diff run whole) goes to `onProgress`.
 * @param {Slot} slot @param {any} message @param {Transferable[]} [transfer] @param {ProgressListener | null} [onProgress]
 * @returns {Promise<any>}
 */
export function post(slot, message, transfer = [], onProgress = null) {
  const worker = slot.worker;
  if (worker === null) {
    return Promise.reject(new WorkerLost(`worker ${slot.index + 1} is not running`));
  }
  if (!requested) {
    stopWarmUps();
  }
  const id = nextRequestId++;
  return new Promise((resolve, reject) => {
    slot.pending.set(id, { resolve, reject, onProgress });
    slot.busy++;
    describe(slot);
    worker.postMessage({ ...message, id }, transfer);
  });
}

// Real work has begun: the cores are its own now. A worker still warming up on two cores slowed the first small Compare,
// which runs in another worker, by 0.1–0.2 s (docs/BENCHMARKS.md); what it had left to compile, the first run that needs it
// compiles.
function stopWarmUps() {
  requested = true;
  for (const slot of slots) {
    if (slot.warmUp === 'running') {
      slot.worker?.postMessage({ type: 'stop-warm-up' });
    }
  }
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
  } else if (data.kind === 'unreadable') {
    // An input could not be read (see file-reads.js): the worker is fine, the comparison is not.
    request.reject(new EngineError('unreadable', data.message));
  } else {
    // An exception out of the engine means the runtime itself is in trouble (out of memory, an abort): retire the worker.
    request.reject(new WorkerLost(`it failed: ${data.message}`));
    retire(slot, `it failed: ${data.message}`);
  }
}

/** Stops a worker that died (or is to be treated as dead), fails its requests, and starts a fresh one in its place. */
export function retire(slot, reason) {
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
  poolEvents.dispatchEvent(new CustomEvent('lost', { detail: { index: slot.index, reason } }));
  // A fresh worker takes the slot for the next comparison; this one carries on with the workers still alive.
  const replacement = startSlot(slot.index);
  slots[slot.index] = replacement;
}

/** Whether no worker is warming up now (one that never started has no warm-up to wait for). */
export function warmUpsOver() {
  return slots.every((slot) => slot.warmUp !== 'running');
}

/** The workers running .NET, in pool order. @returns {LiveSlot[]} */
export function liveSlots() {
  return slots.filter(/** @type {(slot: Slot) => slot is LiveSlot} */ ((slot) => slot.state === 'ready' && slot.worker !== null));
}

/** How many workers the pool was started with (some may be starting again after a death). */
export function poolSize() {
  return slots.length;
}

/** Stops every worker at once (synchronous .NET code cannot be interrupted otherwise) and starts a fresh pool. */
export function restartPool() {
  for (const slot of slots) {
    slot.state = 'dead';
    slot.worker?.terminate();
    for (const request of slot.pending.values()) {
      request.reject(new EngineError('cancelled', 'cancelled'));
    }
  }
  startPool(/** @type {string} */ (dotnetUrl));
}
