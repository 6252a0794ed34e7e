// @ts-check
// A module Web Worker hosting its own .NET runtime over the app's _framework files: one member of the page's engine pool.
import { kindOf, messageOf } from './engine-errors.js';
import { readAll, readChunks, readSlice } from './file-reads.js';
import { warmHeap } from './heap-warming.js';
import { RangeScan } from './shard-cuts.js';

const worker = /** @type {DedicatedWorkerGlobalScope} */ (/** @type {unknown} */ (globalThis));
/** The [JSExport] entries of CsvDiff.Web.Worker.WorkerExports, once .NET has started. @type {any} */
let engine = null;
/** The runtime's Emscripten module: its allocator, which .NET's heap grows through, and the heap itself. @type {any} */
let runtimeModule = null;
/**
 * Per side, the range of the input this worker read while cutting, which .NET holds for its shard of that side (null: none).
 * @type {({ start: number, end: number } | null)[]}
 */
let held = [null, null];
// Names each range this worker is asked to read: a scan still reading when another of the same side replaced its range
// (the user chose other files meanwhile) must not write into the new one.
let lastRangeId = 0;
/**
 * What .NET is about to take into arrays of its own (fillPieces), in order: a chunk of a range being read, the pieces of a
 * shard being loaded, or the answers gathered for a request; no whole copy is built here first.
 * @type {Uint8Array[]}
 */
let pendingPieces = [];
/** The read-ahead whose inputs .NET holds (0: none), and the latest asked for, which supersedes any still reading. */
let readAheadHeld = 0;
let readAheadLatest = 0;
/**
 * The runtime compiling its hot paths on made-up diffs once ready (WorkerExports.WarmUp): 'due' until it begins, 'running',
 * then 'over'. Any request ends it, begun or not.
 * @type {'due' | 'running' | 'over'}
 */
let warmUp = 'due';
/** The request being answered: the engine reports progress only from within a synchronous call, so its reports are this one's. */
let answering = 0;

// Not `self.onmessage =`: dotnet.js reads a set onmessage as "I am one of my own pthread workers" and then
// never finishes loading its assets (dotnet/runtime#114918). A listener leaves onmessage unset.
worker.addEventListener('message', ({ data }) => {
  if (data.type !== 'start') {
    stopWarmingUp();
  }
  switch (data.type) {
    case 'start':
      start(data.dotnetUrl, data.warmWhole, data.warmUpDelayMs);
      break;
    case 'stop-warm-up':
      // Done above, as for any request: the page sends it to every worker when the first request goes to any.
      break;
    case 'compare':
      answer(data.id, () => engine.Compare(data.leftName, new Uint8Array(data.left), data.rightName, new Uint8Array(data.right), data.options));
      break;
    case 'read-ahead':
      answer(data.id, () => readAhead(data));
      break;
    case 'warm-heap':
      answer(data.id, () => warmHeap(runtimeModule, Math.floor(WARM_HEAP_PER_HELD_BYTE * heldBytes())));
      break;
    case 'diff-ahead':
      answer(data.id, () => diffAhead(data));
      break;
    case 'drop-read-ahead':
      readAheadLatest = 0;
      dropReadAhead();
      break;
    case 'compare-read-ahead':
      // The page asks once this read-ahead has replied that it holds the inputs (read-ahead.js); a later one that came first
      // (the options changed as Compare was pressed) has dropped them, and null tells the page to send the files instead.
      answer(data.id, () => (data.readAheadId === readAheadHeld ? engine.CompareReadAhead(data.options) : null));
      break;
    case 'scan':
      answer(data.id, () => scan(data));
      break;
    case 'load':
      answer(data.id, () => loadShard(data));
      break;
    case 'request':
      answer(data.id, () => (data.gathered
        ? withPieces(data.gathered, () => engine.HandleGatheredShardRequest(data.request, data.gathered.map((piece) => piece.length)))
        : engine.HandleShardRequest(data.request)));
      break;
    case 'begin':
      // A run begins: its options hold for every request of it. The ranges held may have been read ahead for it; those of an
      // earlier run went with its 'clear'.
      engine.BeginRun(data.options);
      break;
    case 'clear':
      engine?.ClearShards();
      held = [null, null];
      break;
  }
});

// The interpreter compiles a loop to WebAssembly (a "trace") once it has run 5,000 times by default, so a 1,000-row warm-up
// leaves most of a diff's loops to be compiled during the first real one. At 500 the warm-up compiles them: with the whole
// warm-up below, the first 10,000-row diff took a median 89 ms in the worker against 126 ms, where either change alone
// gained nothing measurable; a 1,000,000-row diff is no slower (docs/BENCHMARKS.md).
const RUNTIME_OPTIONS = ['--jiterpreter-minimum-trace-hit-count=500', '--jiterpreter-trace-monitoring-period=100'];

// The app's assemblies that only the page's Blazor components use: a worker runs the engine alone and never loads a type of
// theirs, so its runtime is started without them. Each worker loaded 14 of them for nothing; without them the pool was ready
// about 0.2 s sooner on the two-core machine (docs/BENCHMARKS.md).
const PAGE_ONLY_ASSEMBLY = /^Microsoft\.(AspNetCore|Extensions|JSInterop)\./;

/** @param {{ resources?: { assembly?: { name: string }[] } }} config */
function withoutPageOnlyAssemblies(config) {
  if (config.resources?.assembly) {
    config.resources.assembly = config.resources.assembly.filter((assembly) => !PAGE_ONLY_ASSEMBLY.test(assembly.name));
  }
}

async function start(dotnetUrl, warmWhole, warmUpDelayMs) {
  try {
    const { dotnet } = await import(dotnetUrl);
    const runtime = await dotnet.withRuntimeOptions(RUNTIME_OPTIONS).withModuleConfig({ onConfigLoaded: withoutPageOnlyAssemblies }).create();
    runtime.setModuleImports('engine-worker', {
      reportProgress: (phase, fraction) => worker.postMessage({ type: 'progress', id: answering, phase, fraction }),
      fillPieces,
    });
    const exports = await runtime.getAssemblyExports('CsvDiff.Web.dll');
    engine = exports.CsvDiff.Web.Worker.WorkerExports;
    runtimeModule = runtime.Module;
    worker.postMessage({ type: 'ready', memory: memory() });
  } catch (error) {
    worker.postMessage({ type: 'failed', reason: messageOf(error) });
    return;
  }
  await warmUpWhileIdle(warmWhole, warmUpDelayMs);
}

// Runs the warm-up once the worker is ready, unless a request has ended it first, and tells the page how it ended ('warmed').
async function warmUpWhileIdle(warmWhole, warmUpDelayMs) {
  if (warmUpDelayMs > 0) {
    await new Promise((resolve) => setTimeout(resolve, warmUpDelayMs));
  }
  if (warmUp !== 'due') {
    worker.postMessage({ type: 'warmed', outcome: 'stopped', memory: memory() });
    return;
  }
  warmUp = 'running';
  let outcome = 'done';
  try {
    await engine.WarmUp(warmWhole);
  } catch (error) {
    // Stopped by a request, or failed: either way nothing is lost but speed.
    outcome = warmUp === 'running' ? `failed: ${messageOf(error)}` : 'stopped';
  }
  warmUp = 'over';
  worker.postMessage({ type: 'warmed', outcome, memory: memory() });
}

function stopWarmingUp() {
  if (warmUp === 'running') {
    engine.StopWarmingUp();
  }
  warmUp = 'over';
}

// Reads both inputs into .NET's heap, as tables read with `options`, ahead of the Compare that diffs them whole; true once they
// are there. The pair held before goes first, so that two pairs are never in the heap at once; a later read-ahead, arriving
// while this one reads the files, wins.
async function readAhead({ readAheadId, left, right, options }) {
  readAheadLatest = readAheadId;
  dropReadAhead();
  const [leftBytes, rightBytes] = await Promise.all([readAll(left), readAll(right)]);
  if (readAheadId !== readAheadLatest) {
    return false;
  }
  engine.HoldReadAhead(left.name, new Uint8Array(leftBytes), right.name, new Uint8Array(rightBytes), options);
  readAheadHeld = readAheadId;
  return true;
}

// Diffs this read-ahead's inputs with its options: the reply (EngineCall's bytes) when the page takes it in, true when it stays
// here (WorkerExports.DiffAhead), false when a later read-ahead has replaced the inputs.
function diffAhead({ readAheadId, options, pageTakesBytes }) {
  return readAheadId === readAheadHeld ? (engine.DiffAhead(options, pageTakesBytes) ?? true) : false;
}

function dropReadAhead() {
  engine?.DropReadAhead();
  readAheadHeld = 0;
}

// Reads one range of an input straight into the array .NET keeps for this worker's shard of that side, a chunk at a time,
// and scans each chunk for the page's cuts on the way. Every copy into freshly allocated memory costs about as much as the
// read (docs/BENCHMARKS.md): the array in .NET's heap is the only one of the range's size the bytes land in.
// `headerLength` is the room .NET keeps before the range for the input's header part.
async function scan({ side, file, start, end, headerLength, countAll, findPlaces }) {
  // .NET holds one range a side: a later scan of the same side (of other files, or taken over from a worker that died)
  // replaces this one.
  const id = ++lastRangeId;
  engine.BeginRange(side, id, start, end - start, headerLength);
  held[side] = { start, end };
  const scanning = new RangeScan(start, { countAll, findPlaces });
  let at = 0;
  await readChunks(file, start, end, (chunk) => {
    scanning.add(chunk);
    withPieces([chunk], () => engine.FillRange(side, id, at, chunk.length));
    at += chunk.length;
  });
  return scanning.result();
}

// Reading, hashing and matching the shards of the ranges held take fresh heap, about 0.9 bytes a byte held (a worker holding
// 104 MB of a 1,000,000-row pair grew by 95 MB during the Compare). The worker writes to it ahead ('warm-heap',
// heap-warming.js) when the page asks, once the ranges are read ahead (shard-run.js). Three quarters of a byte a byte held
// gained as much as one and a half or two and a half (docs/BENCHMARKS.md).
const WARM_HEAP_PER_HELD_BYTE = 0.75;

function heldBytes() {
  return held.reduce((sum, range) => sum + (range ? range.end - range.start : 0), 0);
}

// A shard is its input's header part (for every shard but the first) followed by its bytes <start> to <end>. Where .NET holds
// the range this worker read, only the header and the line or so past the range's end are read here; otherwise the file
// gives all of it (a shard taken over from a worker that died, or a cut far past the range).
async function loadShard({ side, shard, name, file, headerLength, start, end, readPlan }) {
  const header = await readPart(file, 0, headerLength);
  const range = held[side];
  // A range serves the one shard that starts in it; another of the same side, taken over from a worker that died, is read
  // from the file.
  if (range !== null && range.start <= start && start < range.end) {
    held[side] = null;
    const tail = await readPart(file, range.end, end);
    const summary = withPieces([header, tail], () => engine.LoadHeldShard(side, shard, name, start, end, headerLength, readPlan));
    if (summary !== null) {
      return summary;
    }
  }
  const pieces = [header, await readPart(file, start, end)];
  return withPieces(pieces, () => engine.LoadShard(side, shard, name, headerLength + end - start, headerLength, readPlan));
}

async function readPart(file, start, end) {
  return end > start ? readSlice(file, start, end) : new Uint8Array(0);
}

/** @template T @param {Uint8Array[]} pieces @param {() => T} work @returns {T} */
function withPieces(pieces, work) {
  pendingPieces = pieces;
  try {
    return work();
  } finally {
    pendingPieces = [];
  }
}

// Called by .NET (WorkerExports) with a view of an array in its heap, which the next pending pieces fill: each is copied
// there once. Passing them as an argument instead cost two whole copies, one into a plain array here and one by the
// marshaller, about 0.1 s for a 50 MB shard (docs/BENCHMARKS.md).
/** @param {{ length: number, set(source: Uint8Array, targetOffset: number): void }} target */
function fillPieces(target) {
  for (let at = 0; at < target.length;) {
    const piece = /** @type {Uint8Array} */ (pendingPieces.shift());
    target.set(piece, at);
    at += piece.length;
  }
}

// Replies with what the work returned: bytes from the engine, or a plain value. A read that fails says the input is
// unreadable, not that this worker is broken; anything else out of the engine means the runtime is in trouble.
async function answer(id, work) {
  try {
    answering = id;
    const result = await work();
    if (result instanceof Uint8Array) {
      // The marshaller hands .NET's bytes over as an array of their own; a view of anything larger (the runtime's heap) is copied.
      const reply = result.byteOffset === 0 && result.byteLength === result.buffer.byteLength ? result : result.slice();
      worker.postMessage({ type: 'reply', id, bytes: reply.buffer, memory: memory() }, [reply.buffer]);
    } else {
      worker.postMessage({ type: 'reply', id, value: result, memory: memory() });
    }
  } catch (error) {
    worker.postMessage({ type: 'error', id, kind: kindOf(error), message: messageOf(error), memory: memory() });
  }
}

// The WebAssembly heap is the worker's real footprint; Chrome also reports the worker's JS heap.
function memory() {
  return { wasmHeapBytes: runtimeModule?.HEAPU8.byteLength ?? null, jsHeapBytes: worker.performance?.memory?.usedJSHeapSize ?? null };
}
