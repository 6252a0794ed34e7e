// @ts-check
// The page before .NET has started (index.html's #page-shell, hidden by app.css once the viewer has rendered): from the
// first paint a person can choose or drop files, load the example and press Compare. The viewer then takes the chosen
// files over, and runs a Compare pressed here.
// The engine's workers are not started here but by the viewer, as before: started at first paint, three .NET runtimes
// (the page's and two workers') competed for two cores, the viewer was ready about 1 s later and the pool no sooner
// (bench/startup.mjs, docs/BENCHMARKS.md).
import { inputEvents, loadExample, watchInputs } from './inputs.js';
import { applySavedTheme } from './settings.js';

/** @type {number | null} performance.now() of a Compare pressed in the shell, until the viewer takes it. */
let compareRequestedAt = null;

/** How many milliseconds ago Compare was pressed in the shell, once; null when it was not. */
export function takeCompareRequest() {
  const waited = compareRequestedAt === null ? null : performance.now() - compareRequestedAt;
  compareRequestedAt = null;
  return waited;
}

/** The sides chosen in the shell: Compare is offered once both are, unless .NET failed to start. */
const chosenSides = new Set();
let startFailed = false;

function offerCompare() {
  const compare = document.querySelector('[data-shell-compare]');
  if (compare instanceof HTMLButtonElement) {
    compare.disabled = chosenSides.size < 2 || startFailed;
  }
}

function showChosen(/** @type {Event} */ event) {
  const { side, file } = /** @type {CustomEvent<{ side: string, file: File }>} */ (event).detail;
  const line = document.querySelector(`[data-shell-chosen="${side}"]`);
  if (line) {
    // Names are data: set as text, never as markup.
    line.textContent = `${file.name} (${formatSize(file.size)})`;
  }
  chosenSides.add(side);
  offerCompare();
}

/** The same units as the viewer's InputPane.FormatSize. */
function formatSize(/** @type {number} */ bytes) {
  return bytes < 1024 ? `${bytes} B` : bytes < 1024 * 1024 ? `${trim(bytes / 1024)} KB` : `${trim(bytes / (1024 * 1024))} MB`;
}

function trim(/** @type {number} */ value) {
  return String(Math.round(value * 10) / 10);
}

function requestCompare() {
  compareRequestedAt = performance.now();
  const status = document.querySelector('[data-shell-status]');
  if (status) {
    status.textContent = 'Compare starts as soon as the engine has started…';
  }
}

// Until the viewer runs, .NET failing to start would leave the shell waiting for ever: it says so instead. (Once the
// viewer runs, it shows its own errors.)
function watchForStartFailure() {
  /** @param {string} reason */
  const failed = (reason) => {
    const status = document.querySelector('[data-shell-status]');
    if (window.csvdiff !== undefined || !status) {
      return;
    }
    status.textContent = `CsvDiff could not start in this browser (${reason}). Reload the page to try again.`;
    status.classList.add('problem');
    startFailed = true;
    offerCompare();
  };
  window.addEventListener('unhandledrejection', (event) => failed(messageOf(event.reason)));
  // Capturing: a script that fails to load reports on its own element, and the event does not bubble.
  window.addEventListener('error', (event) => {
    if (event.target instanceof HTMLScriptElement) {
      failed(`${event.target.src} did not load`);
    } else if (event instanceof ErrorEvent) {
      failed(event.message);
    }
  }, true);
}

function messageOf(/** @type {unknown} */ reason) {
  return String(reason instanceof Error ? reason.message : reason).split('\n')[0];
}

function startShell() {
  applySavedTheme();
  watchForStartFailure();
  // Listening first: watching reports at once the files chosen before this module ran.
  inputEvents.addEventListener('chosen', showChosen);
  watchInputs();
  const example = document.querySelector('[data-shell-example]');
  if (example instanceof HTMLButtonElement) {
    // Offered once it works: a click before this module ran would have gone unheard.
    example.addEventListener('click', () => loadExample());
    example.disabled = false;
  }
  document.querySelector('[data-shell-compare]')?.addEventListener('click', requestCompare);
}

startShell();
