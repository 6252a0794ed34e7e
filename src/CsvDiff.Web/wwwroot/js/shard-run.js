// @ts-check
// One run's shards: cuts both inputs into shards after line breaks outside quotes (from ranges the workers read for the run,
// or ahead of it while the options were set), has workers load them, and routes the coordinator's requests to the worker
// holding each shard, reloading a shard elsewhere when its worker dies.
import { anyLive, beginRun, current, postInRun, runUnderWay, timed, withRetries } from './engine-run.js';
import { liveSlots, poolReport, post, retire, WorkerLost } from './engine-pool.js';
import { readSlice, unchangedOnDisk } from './file-reads.js';
import { warmHeap } from './heap-warming.js';
import { cutsFrom, headerEnd } from './shard-cuts.js';
import { switches } from './url-switches.js';

// Under this a shard costs more in messages than it saves.
const DEFAULT_MIN_SHARD_BYTES = 1 << 20;
// A byte order mark, which the delimiter guess does not count.
const BOM_BYTES = 4;
const SIDES = ['left', 'right'];
// The first byte of a ShardedDiff request says its kind (ShardMessages); the run only needs it to time phases.
const HASH_REQUEST = 1;
const SCORE_REQUEST = 3;

/**
 * @typedef {import('./engine-run.js').Owner} Owner
 * @typedef {import('./engine-run.js').CutInput} CutInput
 * @typedef {import('./engine-pool.js').Slot} Slot
 * @typedef {(slot: Slot, message: any) => Promise<any>} ScanSender
 */

/**
 * The chosen pair's ranges, read and scanned by the workers ahead of a Compare while the user sets the options: the cuts
 * depend on the files and the pool, not on the options. A run of the same files on the same workers starts from them. They
 * are 'read' once the workers have also warmed the heap their shards will take.
 * @type {{ left: File, right: File, live: Slot[], cuts: Promise<CutInput[]>, state: 'reading' | 'read' | 'failed' } | null}
 */
let ahead = null;

/**
 * Begins a run with `options` (DiffOptions as OptionsCodec encodes them) and cuts both inputs after line breaks outside
 * quotes into up to one shard per worker. The workers read and scan the inputs' ranges side by side, each keeping what it
 * read for the shard it will load. Returns the shard counts the page's coordinator works with. `sampleBytes` is how much
 * of an input the engine's delimiter guess reads (TableSniffer.SampleBytes): the first shard must hold it all, or the
 * sharded diff declines.
 */
export async function prepareShards(files, options, sampleBytes) {
  const since = beginRun(files, options);
  const live = liveSlots();
  const started = performance.now();
  const readAhead = await takeRangesReadAhead(files, live);
  current(since);
  // A scan is only reading, so a worker that dies during one has it redone by another.
  const cuts = readAhead ?? await cutBoth(files, live, sampleBytes,
    (slot, message) => withRetries((n) => postInRun(current(since), n === 0 ? slot : anyLive(n - 1), message)));
  const thisRun = current(since);
  thisRun.readAhead = readAhead !== null ? 'inputs' : undefined;
  SIDES.forEach((side, i) => {
    thisRun.sides[side] = cuts[i];
    thisRun.bytes += files[side].size;
  });
  thisRun.phases.readMs = Math.round(performance.now() - started);
  return { left: thisRun.sides.left.ranges.length, right: thisRun.sides.right.ranges.length, workers: live.length };
}

/**
 * Has the workers read and scan the chosen pair's ranges ahead of a Compare (read-ahead.js calls this once both inputs are
 * chosen, and again when the options change, which leaves ranges read for the same files on the same workers as they are).
 * A failure here is only lost time: the Compare cuts the inputs again, and reports what fails then.
 * @param {{ left: File, right: File }} files @param {number} sampleBytes
 */
export function readRangesAhead(files, sampleBytes) {
  const live = liveSlots();
  if (runUnderWay() || live.length === 0 || (ahead !== null && matches(ahead, files, live))) {
    return;
  }
  const cuts = cutBoth(files, live, sampleBytes, post);
  const readAhead = { ...files, live, cuts, state: /** @type {'reading' | 'read' | 'failed'} */ ('reading') };
  cuts.then(() => warmHeaps(readAhead)).then(() => { readAhead.state = 'read'; }, () => { readAhead.state = 'failed'; });
  ahead = readAhead;
}

// The page's own runtime takes fresh heap too as it gathers the hashes, pairs the rows and assembles the result: 38 → 115 MB
// for a 1,000,000-row pair of 208 MB. About a third of a byte per input byte is written, at most PAGE_WARM_MAX_BYTES, a step
// at a time so that the page stays responsive.
const PAGE_WARM_HEAP_PER_INPUT_BYTE = 0.35;
const PAGE_WARM_MAX_BYTES = 256 << 20;
const PAGE_WARM_STEP_BYTES = 8 << 20;

// Once the ranges are read ahead, and unless a Compare has taken them already, each worker writes to the heap its shards will
// take (engine-worker.js), and then the page to its own (heap-warming.js), so that the Compare does not pay for touching fresh
// memory; the read-ahead is done then. A Compare pressed meanwhile stops the page's; a worker that fails at it loses only time.
/** @param {{ left: File, right: File, live: Slot[] }} readAhead */
async function warmHeaps(readAhead) {
  const superseded = () => ahead !== readAhead || runUnderWay();
  if (superseded()) {
    return;
  }
  // A worker that died since has no heap to write, and would never answer.
  const ready = readAhead.live.filter((slot) => slot.state === 'ready');
  await Promise.all(ready.map((slot) => post(slot, { type: 'warm-heap' }).catch(() => null)));
  const inputBytes = readAhead.left.size + readAhead.right.size;
  const pageRuntime = /** @type {any} */ (globalThis).getDotnetRuntime?.(0);
  await warmHeap(pageRuntime?.Module, Math.min(PAGE_WARM_MAX_BYTES, Math.floor(PAGE_WARM_HEAP_PER_INPUT_BYTE * inputBytes)),
    { stepBytes: PAGE_WARM_STEP_BYTES, stop: superseded });
}

/** Has the workers let go of the ranges read ahead, unless a run is under way and uses them. */
export function dropRangesReadAhead() {
  if (ahead !== null && !runUnderWay()) {
    for (const slot of ahead.live) {
      slot.worker?.postMessage({ type: 'clear' });
    }
  }
  ahead = null;
}

/** The state of the ranges read ahead ('none': no pair's are), for the diagnostics. */
export function rangesReadAheadReport() {
  return ahead?.state ?? 'none';
}

/** @param {{ left: File, right: File, live: Slot[] }} readAhead @param {{ left: File, right: File }} files @param {Slot[]} live */
function matches(readAhead, files, live) {
  return readAhead.left === files.left && readAhead.right === files.right && readAhead.live.length === live.length
    && readAhead.live.every((slot, i) => slot === live[i] && slot.state === 'ready');
}

// A run takes the ranges read ahead for its files on its workers, once they are read, and they are no longer ahead of any
// other: null when there are none, or their reading failed (the run cuts the inputs itself). A file changed on disk since
// it was chosen fails the run, with its name, as reading it would.
async function takeRangesReadAhead(files, live) {
  const readAhead = ahead;
  ahead = null;
  if (readAhead === null || !matches(readAhead, files, live)) {
    return null;
  }
  const [cuts] = await Promise.all([readAhead.cuts.catch(() => null), unchangedOnDisk(files.left, files.right)]);
  return cuts;
}

/**
 * Cuts both inputs into up to one shard per worker, `scan` having a worker read and scan a range (within a run or ahead of one).
 * @param {{ left: File, right: File }} files @param {Slot[]} live @param {number} sampleBytes @param {ScanSender} scan
 * @returns {Promise<CutInput[]>}
 */
function cutBoth(files, live, sampleBytes, scan) {
  const minShardBytes = Math.max(sampleBytes + BOM_BYTES, switches.minShardBytes ?? DEFAULT_MIN_SHARD_BYTES);
  return Promise.all(SIDES.map((side, sideIndex) => {
    const file = files[side];
    const count = Math.max(1, Math.min(live.length, Math.floor(file.size / minShardBytes)));
    return cut(file, sideIndex, count, live, sampleBytes, scan);
  }));
}

// Splits the input into as many even ranges as it is to have shards; the worker that is to load shard k reads and scans
// range k. Left ranges go round the pool from its first worker and right ones from its last, so the two inputs' first
// ranges (whose quotes are counted to the end, unlike the last ranges') fall on different workers.
/** @param {File} file @param {number} sideIndex @param {number} count @param {Slot[]} live @param {number} sampleBytes @param {ScanSender} scan */
async function cut(file, sideIndex, count, live, sampleBytes, scan) {
  const header = await findHeaderEnd(file, sampleBytes);
  const ranges = header === 0 ? 1 : count;
  const bounds = Array.from({ length: ranges + 1 }, (_, k) => Math.floor((file.size * k) / ranges));
  const owners = bounds.slice(1).map((_, k) => live[sideIndex === 0 ? k % live.length : live.length - 1 - (k % live.length)]);
  const scans = await Promise.all(owners.map((slot, k) => scan(slot, {
    type: 'scan', side: sideIndex, file, start: bounds[k], end: bounds[k + 1], headerLength: k === 0 ? 0 : header,
    countAll: k < ranges - 1, findPlaces: k > 0,
  })));
  const starts = [0, ...cutsFrom(scans, header, file.size)];
  return { file, headerEnd: header, owners, ranges: starts.map((start, k) => ({ start, end: starts[k + 1] ?? file.size })) };
}

// The header record is short, so the page finds its end itself, reading more only for an unusually long one.
async function findHeaderEnd(file, firstRead) {
  for (let length = firstRead; ; length *= 4) {
    const end = headerEnd(await readSlice(file, 0, length));
    if (end > 0 || length >= file.size) {
      return end;
    }
  }
}

/** Has a worker read one shard; resolves to ShardWorker.Load's summary. */
export function loadShard(sideIndex, shard, readPlan) {
  const side = SIDES[sideIndex];
  const input = current().sides[side];
  // Kept for reloading the shard elsewhere should its worker die.
  input.readPlan = readPlan;
  // The worker that scanned the shard's range holds most of its bytes already.
  const scanned = input.owners[shard];
  return loadOn(scanned?.state === 'ready' ? scanned : anyLive(shard), side, shard);
}

// Records which worker holds the shard, so that requests go there; a worker lost while loading hands the shard to another.
function loadOn(slot, side, shard) {
  const thisRun = current();
  /** @type {Owner} */
  const owner = { slot, loaded: Promise.resolve() };
  thisRun.owners.set(`${side}/${shard}`, owner);
  owner.loaded = withRetries((n) => {
    owner.slot = n === 0 ? slot : anyLive(shard + n - 1);
    return timed('loadMs', () => postInRun(thisRun, owner.slot, shardMessage(side, shard)));
  });
  return owner.loaded;
}

// The worker takes the shard's bytes from the range it read while cutting, and the rest (the header, the bytes past the
// range's end) from the file.
function shardMessage(side, shard) {
  const { file, headerEnd: header, ranges, readPlan } = current().sides[side];
  const { start, end } = ranges[shard];
  const headerLength = shard === 0 ? 0 : header;
  return { type: 'load', side: SIDES.indexOf(side), shard, name: file.name, file, headerLength, start, end, readPlan };
}

/** Sends a ShardedDiff request to the worker holding the shard; a worker that dies has the shard reloaded elsewhere and the request redone. */
export async function sendShard(sideIndex, shard, request) {
  return timed(request[0] === HASH_REQUEST ? 'hashMs' : 'fetchMs', () => askShard(current(), sideIndex, shard, request));
}

/** @param {import('./engine-run.js').Run} thisRun @param {number} sideIndex @param {number} shard @param {Uint8Array} request */
function askShard(thisRun, sideIndex, shard, request) {
  const side = SIDES[sideIndex];
  const key = `${side}/${shard}`;
  return withRetries(async (n) => {
    let owner = /** @type {Owner} */ (thisRun.owners.get(key));
    if (n > 0 && owner.slot.state !== 'ready') {
      loadOn(anyLive(shard + n - 1), side, shard);
      owner = /** @type {Owner} */ (thisRun.owners.get(key));
    }
    await owner.loaded;
    if (owner.slot.state !== 'ready') {
      throw new WorkerLost(owner.slot.problem ?? 'it stopped');
    }
    const reply = postInRun(thisRun, owner.slot, { type: 'request', request });
    injectFault(thisRun, owner.slot);
    return reply;
  });
}

/** Runs a request that needs no shard (scoring similarity) on a live worker, another if that one dies. */
export async function compute(worker, request) {
  const thisRun = current();
  // Similarity scoring only happens here; matching, which gathers shards' pieces, in computeGathering.
  return timed(request[0] === SCORE_REQUEST ? 'pairMs' : 'computeMs',
    () => withRetries((n) => postInRun(thisRun, anyLive(worker + n), { type: 'request', request })));
}

/**
 * Runs a request (matching a hash partition) on a live worker, another if that one dies, with the answers of `queries` from
 * the workers holding their shards (each shard's piece of the partition). The answers go from worker to worker here, handed
 * over, not copied: through the page's .NET they would cost its interpreter a copy each way. A worker that dies with them
 * has them asked for again.
 * @param {number} worker @param {Uint8Array} request @param {{ side: number, shard: number, request: Uint8Array }[]} queries
 */
export async function computeGathering(worker, request, queries) {
  const thisRun = current();
  return timed('computeMs', () => withRetries(async (n) => {
    const gathered = await Promise.all(queries.map((query) => askShard(thisRun, query.side, query.shard, query.request)));
    return postInRun(thisRun, anyLive(worker + n), { type: 'request', request, gathered }, gathered.map((answer) => answer.buffer));
  }));
}

// ?fault=kill-worker stops worker 2 (or the only one) while it works on its first request, as a crash would.
function injectFault(thisRun, slot) {
  if (switches.fault === 'kill-worker' && !thisRun.faulted && slot.index === Math.min(1, poolReport().poolSize - 1)) {
    thisRun.faulted = true;
    retire(slot, 'it was stopped by ?fault=kill-worker');
  }
}
