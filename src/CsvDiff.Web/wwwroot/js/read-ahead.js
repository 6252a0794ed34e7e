// @ts-check
// The chosen inputs, read ahead while the user sets the options. A small pair is read as tables by the worker that will diff
// it whole (the pool's first), with the page's options of the moment, and diffed with them: reading both files, copying them
// into .NET and reading them as tables is most of a 100,000-row Compare, and the diff the rest (docs/BENCHMARKS.md).
// compareWhole (engine-run.js) uses them if they are still the chosen files, unchanged on disk: the result as it is if the
// Compare's options are those (a small one handed to the page as soon as it is made, so that the page has it decoded by
// then), else a diff of the tables (the worker reads them again if the options read them otherwise). A larger pair, which
// runs in shards, has its ranges read by the workers (readRangesAhead, shard-run.js).
import { liveSlots, poolReady, post } from './engine-pool.js';
import { unchangedOnDisk } from './file-reads.js';
import { chosenFiles } from './inputs.js';
import { dropRangesReadAhead, rangesReadAheadReport, readRangesAhead } from './shard-run.js';
import { switches } from './url-switches.js';

/**
 * @typedef {import('./engine-pool.js').Slot} Slot
 * @typedef {import('./engine-pool.js').ProgressListener} ProgressListener
 * @typedef {{ id: number, slot: Slot, left: File, right: File, options: Uint8Array,
 *   state: 'reading' | 'held' | 'diffing' | 'diffed' | 'failed', done: Promise<boolean>, onProgress: ProgressListener | null }} ReadAhead
 */

/** The pair read ahead last, into which worker, and whether it got there. @type {ReadAhead | null} */
let latest = null;
let nextId = 1;
let belowBytes = 0;
let engineSampleBytes = 0;
let bytesPerWorker = 0;

/**
 * Sets the size under which a pair of inputs runs whole (EngineRunner.WholeRunBelowBytes, or the URL's switch), read ahead as
 * tables; how much of an input the engine's look reads (TableSniffer.SampleBytes), for cutting larger pairs; and how much input
 * a worker holds in shards (BrowserMemory.InputBytesPerEngine): a pair the pool cannot hold is not read ahead.
 * @param {{ wholeBelowBytes: number, sampleBytes: number, inputBytesPerWorker: number }} limits
 */
export function setReadAheadLimits({ wholeBelowBytes, sampleBytes, inputBytesPerWorker }) {
  belowBytes = wholeBelowBytes;
  engineSampleBytes = sampleBytes;
  bytesPerWorker = inputBytesPerWorker;
}

/**
 * Reads the chosen pair ahead with `options` (DiffOptions as OptionsCodec encodes them), the page's now: the page calls this
 * when an input is chosen and when its options change. A pair already read ahead with these options is left as it is. The
 * pair's diff made ahead, when its reply is at most `resultMaxBytes` long, is handed to the page (`takeResult`) to take in
 * before its Compare.
 * @param {Uint8Array} options @param {number} resultMaxBytes
 * @param {(readAheadId: number, reply: Uint8Array) => Promise<unknown>} takeResult
 */
export async function readAheadWith(options, resultMaxBytes, takeResult) {
  const { left, right } = chosenFiles();
  if (!left || !right || !(await poolReady())) {
    return;
  }
  const slot = liveSlots()[0];
  const now = chosenFiles();
  // A later choice, made while the pool started, reads ahead for itself.
  if (!slot || now.left !== left || now.right !== right
      || (latest?.slot === slot && latest.left === left && latest.right === right && sameBytes(latest.options, options))) {
    return;
  }
  // An empty file has no byte to tell, at Compare, whether it changed on disk since (see heldFor).
  if (left.size === 0 || right.size === 0 || left.size + right.size >= belowBytes) {
    // Larger inputs run in shards, where the pair read ahead before would only crowd the first worker's heap.
    if (latest?.slot === slot) {
      slot.worker?.postMessage({ type: 'drop-read-ahead' });
    }
    latest = null;
    if (left.size > 0 && right.size > 0 && left.size + right.size <= bytesPerWorker * liveSlots().length) {
      readRangesAhead({ left, right }, engineSampleBytes);
    } else {
      dropRangesReadAhead();
    }
    return;
  }
  dropRangesReadAhead();
  const id = nextId++;
  /** @type {ReadAhead} */
  const readAhead = { id, slot, left, right, options, state: 'reading', done: Promise.resolve(false), onProgress: null };
  readAhead.done = post(slot, { type: 'read-ahead', readAheadId: id, left, right, options }).then((held) => held === true, () => false).then((held) => {
    readAhead.state = held ? 'held' : 'failed';
    return held;
  });
  latest = readAhead;
  // Diffed as soon as the pair is held, unless other options or files came meanwhile: their read-ahead replaces this one, and a
  // diff the page no longer needs would hold up the worker by up to its whole time.
  if (await readAhead.done && latest === readAhead && switches.diffAhead !== 'off') {
    await diffAhead(readAhead, resultMaxBytes, takeResult);
  }
}

// Has the worker diff the pair it holds with the options it was read with, and hands a reply at most `pageTakesBytes` long
// (EngineCall's bytes) to the page while this read-ahead is still the latest; the read-ahead is 'diffed' once the page holds
// it, so that a Compare from then on finds it there (engine-run.js). Asked as soon as the pair is held, it comes before any
// Compare of it, which then replies with its result.
/**
 * @param {ReadAhead} readAhead @param {number} pageTakesBytes
 * @param {(readAheadId: number, reply: Uint8Array) => Promise<unknown>} takeResult
 */
async function diffAhead(readAhead, pageTakesBytes, takeResult) {
  readAhead.state = 'diffing';
  try {
    const reply = await post(readAhead.slot, { type: 'diff-ahead', readAheadId: readAhead.id, options: readAhead.options, pageTakesBytes }, [],
      (phase, fraction) => readAhead.onProgress?.(phase, fraction));
    if (reply instanceof Uint8Array && latest === readAhead) {
      // A page that cannot take it in leaves it to the worker, which keeps it too.
      await takeResult(readAhead.id, reply).catch(() => {});
    }
    readAhead.state = reply === false ? 'held' : 'diffed';
  } catch {
    readAhead.state = 'failed';
  }
}

/**
 * Has the progress of the diff made ahead of read-ahead `readAheadId`, while it runs, go to `onProgress`: a Compare that takes
 * that diff, pressed while it runs, shows how far it has got. No other run hears it.
 * @param {number} readAheadId @param {ProgressListener} onProgress
 */
export function hearDiffAhead(readAheadId, onProgress) {
  if (latest?.id === readAheadId) {
    latest.onProgress = onProgress;
  }
}

/** @param {Uint8Array} a @param {Uint8Array} b */
function sameBytes(a, b) {
  return a.length === b.length && a.every((byte, i) => byte === b[i]);
}

/**
 * The inputs read ahead as tables and how far they got ('none': no pair is; 'diffed': their diff is made too), with the size
 * under which a pair is, and the state of the ranges read ahead for shards, for the diagnostics.
 */
export function readAheadReport() {
  const ranges = rangesReadAheadReport();
  return latest
    ? { state: latest.state, left: latest.left.name, right: latest.right.name, worker: latest.slot.index + 1, belowBytes, ranges }
    : { state: 'none', belowBytes, ranges };
}

/**
 * The read-ahead holding `files` in `slot`, once it has got there, with a check that both files are unchanged on disk since,
 * and whether it diffed them with `options` (the worker then replies with that diff); null when they are not held there, and
 * must be sent. The check fails, naming the file, as reading a changed file would.
 * @param {Slot} slot @param {Record<string, File | null>} files @param {Uint8Array} options
 * @returns {Promise<{ id: number, unchanged: Promise<void>, diffed: boolean } | null>}
 */
export async function heldFor(slot, files, options) {
  const held = latest;
  if (!held || held.slot !== slot || held.left !== files.left || held.right !== files.right || !(await held.done)) {
    return null;
  }
  // The check took up to about 15 ms before a 10,000-row diff could start, so the caller runs it alongside the diff instead.
  const unchanged = unchangedOnDisk(held.left, held.right);
  return { id: held.id, unchanged, diffed: (held.state === 'diffing' || held.state === 'diffed') && sameBytes(held.options, options) };
}
