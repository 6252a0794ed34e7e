// @ts-check
// The chosen inputs of a small diff, read ahead into the .NET heap of the worker that will diff them whole (the pool's first)
// while the user sets the options: reading both files and copying them into .NET took about 0.1 s of a 100,000-row Compare
// (docs/BENCHMARKS.md). compareWhole (engine-run.js) uses them if they are still the chosen files, unchanged on disk.
import { liveSlots, poolReady, post } from './engine-pool.js';
import { readSlice } from './file-reads.js';
import { chosenFiles, inputEvents } from './inputs.js';

/**
 * @typedef {import('./engine-pool.js').Slot} Slot
 * @typedef {{ id: number, slot: Slot, left: File, right: File, state: 'reading' | 'held' | 'failed', done: Promise<boolean> }} ReadAhead
 */

/** The pair read ahead last, into which worker, and whether it got there. @type {ReadAhead | null} */
let latest = null;
let nextId = 1;
let belowBytes = 0;

/** From now on, reads ahead every chosen pair of inputs smaller together than `wholeBelowBytes` (the size that runs whole). */
export function readAheadSmallInputs(wholeBelowBytes) {
  belowBytes = wholeBelowBytes;
  inputEvents.addEventListener('chosen', () => void readAheadChosen());
  void readAheadChosen();
}

async function readAheadChosen() {
  const { left, right } = chosenFiles();
  if (!left || !right || !(await poolReady())) {
    return;
  }
  const slot = liveSlots()[0];
  const now = chosenFiles();
  // A later choice, made while the pool started, reads ahead for itself.
  if (!slot || now.left !== left || now.right !== right || (latest?.slot === slot && latest.left === left && latest.right === right)) {
    return;
  }
  // An empty file has no byte to tell, at Compare, whether it changed on disk since (see heldFor).
  if (left.size === 0 || right.size === 0 || left.size + right.size >= belowBytes) {
    // Larger inputs run in shards, where the pair read ahead before would only crowd the first worker's heap.
    if (latest?.slot === slot) {
      slot.worker?.postMessage({ type: 'drop-read-ahead' });
    }
    latest = null;
    return;
  }
  const id = nextId++;
  /** @type {ReadAhead} */
  const readAhead = { id, slot, left, right, state: 'reading', done: Promise.resolve(false) };
  readAhead.done = post(slot, { type: 'read-ahead', readAheadId: id, left, right }).then((held) => held === true, () => false).then((held) => {
    readAhead.state = held ? 'held' : 'failed';
    return held;
  });
  latest = readAhead;
}

/** The inputs read ahead, and how far they got, for the diagnostics. */
export function readAheadReport() {
  return latest ? { left: latest.left.name, right: latest.right.name, worker: latest.slot.index + 1, state: latest.state } : null;
}

/**
 * The read-ahead holding `files` in `slot`, once it has got there, with a check that both files are unchanged on disk since;
 * null when they are not held there, and must be sent. The check fails, naming the file, as reading a changed file would.
 * @param {Slot} slot @param {Record<string, File | null>} files @returns {Promise<{ id: number, unchanged: Promise<void> } | null>}
 */
export async function heldFor(slot, files) {
  const held = latest;
  if (!held || held.slot !== slot || held.left !== files.left || held.right !== files.right || !(await held.done)) {
    return null;
  }
  // A File is a snapshot that the browser refuses to read once the file on disk has changed: one byte of each tells. The
  // check took up to about 15 ms before a 10,000-row diff could start, so the caller runs it alongside the diff instead.
  const unchanged = Promise.all([held.left, held.right].map((file) => readSlice(file, 0, 1))).then(() => undefined);
  return { id: held.id, unchanged };
}
