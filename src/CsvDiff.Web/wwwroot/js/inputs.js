// @ts-check
// The two inputs, held as browser Files (never one big string): chosen in a file input, dropped, pasted, the example, or
// served by `csvdiff serve`. Files are watched for from the page's first paint (the page shell, before .NET has started);
// once the viewer runs, each choice is reported to it with the head of the file, which .NET sniffs.
import { readAll, readSlice } from './file-reads.js';

/** @type {Record<string, File | null>} */
const inputs = { left: null, right: null };
/**
 * The files as they were chosen, which the file inputs show: a .gz as it was, not the copy decompressed.
 * @type {Record<string, File | null>}
 */
const shown = { left: null, right: null };

/** Every choice, for the page shell, which shows what was chosen before the viewer can: `chosen` (detail: { side, file }). */
export const inputEvents = new EventTarget();

/** @type {((side: string, file: File, head: Uint8Array) => Promise<void>) | null} */
let onChosen = null;
let headBytes = 0;
let watching = false;

/** Watches the page's file inputs and drop zones (once), and loads the files `csvdiff serve` was given. */
export function watchInputs() {
  if (watching) {
    return;
  }
  watching = true;
  document.addEventListener('click', onFileInputClick, true);
  document.addEventListener('cancel', onFileInputCancel, true);
  document.addEventListener('change', onFileInputChange);
  document.addEventListener('dragover', onDragOver);
  document.addEventListener('drop', onDrop);
  // A file chosen in the page shell before this module ran fired its change event unheard.
  for (const input of document.querySelectorAll('input[type=file][data-side]')) {
    if (input instanceof HTMLInputElement && input.dataset.side && input.files?.length) {
      choose(input.dataset.side, input.files[0]);
    }
  }
  loadServedInputs();
}

/**
 * Reports every chosen file with its first `sampleBytes` bytes (how much the engine's look reads, TableSniffer.SampleBytes)
 * to `chosen`: first those chosen before the viewer started, then each as it comes.
 * @param {(side: string, file: File, head: Uint8Array) => Promise<void>} chosen @param {number} sampleBytes
 */
export async function reportInputs(chosen, sampleBytes) {
  watchInputs();
  onChosen = chosen;
  headBytes = sampleBytes;
  for (const side of ['left', 'right']) {
    const file = inputs[side];
    if (file) {
      // The viewer's own inputs are new.
      showChosen(side);
      await report(side, file);
    }
  }
}

/** The chosen files by side; a side not chosen yet is null. */
export function chosenFiles() {
  return inputs;
}

export function inputName(side) {
  return inputs[side]?.name ?? side;
}

export async function inputBytes(side) {
  const file = inputs[side];
  return file ? new Uint8Array(await readAll(file)) : new Uint8Array();
}

// When the dialog returns the file the input holds already, Chromium fires no change (a cancel instead), even if the file was
// saved again since: a file re-exported under its name, or one the page could no longer read ("Choose it again"), could
// not be chosen again. So the input is emptied as its dialog opens, and a dialog closed without a choice puts the page's
// file back in it.
function onFileInputClick(event) {
  const input = fileInputOf(event);
  if (input) {
    input.value = '';
  }
}

function onFileInputCancel(event) {
  const input = fileInputOf(event);
  if (input?.dataset.side && !input.files?.length) {
    showChosen(input.dataset.side);
  }
}

// Each of a side's file inputs (the page shell's, the viewer's) shows the file the page holds for that side, however it came:
// the example, a drop, pasted text, `csvdiff serve`, or the shell's input before the viewer drew its own. Left as it was, an
// input read "No file chosen" beside the quick look of the file the page was about to compare.
/** @param {string} side */
function showChosen(side) {
  const file = shown[side];
  for (const input of document.querySelectorAll(`input[type=file][data-side=${side}]`)) {
    if (file && input instanceof HTMLInputElement && input.files?.[0] !== file) {
      const held = new DataTransfer();
      held.items.add(file);
      input.files = held.files;
    }
  }
}

/** The page's file input an event is for (a side's, not the saved-diff input's). @returns {HTMLInputElement | null} */
function fileInputOf(event) {
  const input = event.target;
  return input instanceof HTMLInputElement && input.type === 'file' && input.dataset.side ? input : null;
}

function onFileInputChange(event) {
  const input = fileInputOf(event);
  if (input?.dataset.side && input.files?.length) {
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

async function choose(side, file) {
  shown[side] = file;
  showChosen(side);
  if (file.name.toLowerCase().endsWith('.gz') && typeof DecompressionStream !== 'undefined') {
    const plain = await new Response(file.stream().pipeThrough(new DecompressionStream('gzip'))).blob();
    file = new File([plain], file.name.slice(0, -3), { type: 'text/csv' });
  }
  inputs[side] = file;
  inputEvents.dispatchEvent(new CustomEvent('chosen', { detail: { side, file } }));
  await report(side, file);
}

async function report(side, file) {
  await onChosen?.(side, file, await readSlice(file, 0, headBytes));
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
