// What every browser benchmark starts with: `csvdiff serve` on a free port, and Debian's Chromium with the project's flags.
import { spawn } from 'node:child_process';
import { chromium } from 'playwright-core';

/** Starts `csvdiff serve` and resolves to the server process and the viewer's URL. */
export async function serveViewer(csvdiff) {
  const server = spawn(csvdiff, ['serve', '--port', '0', '--no-open'], { stdio: ['ignore', 'pipe', 'inherit'] });
  const url = await new Promise((resolve, reject) => {
    server.stdout.on('data', (chunk) => {
      const match = /http:\/\/127\.0\.0\.1:\d+\/\S*/.exec(String(chunk));
      if (match) {
        resolve(match[0]);
      }
    });
    server.on('exit', (code) => reject(new Error(`csvdiff serve exited with ${code}`)));
  });
  return { server, url };
}

/** Debian's Chromium (Playwright cannot download browsers here), headless, with nothing running in the background. */
export function launchChromium() {
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync'],
  });
}

/**
 * A page's predicate (for page.waitForFunction): the engine pool has started and its workers have warmed up. Workers report
 * ready before they warm up (since 2026-12-04; builds before warmed first, and report no warmUp), so a benchmark of a warm
 * Compare waits for the warm-ups too.
 */
export function poolWarm() {
  const d = window.csvdiff?.diagnostics();
  return d !== undefined && d.mode !== null && d.workerDetails.every((w) => w.warmUp !== 'running');
}

/**
 * What a person does before Compare: chooses the pair in the page's file inputs, waits for the quick look at each, and
 * matches rows by `id`, or by content when `byContent`. Resolves to the time (Date.now()) the second file was chosen, from
 * which the pair is read ahead.
 */
export async function chooseInputs(page, left, right, byContent) {
  await page.getByTestId('left-file').setInputFiles(left);
  await page.getByTestId('right-file').setInputFiles(right);
  const chosen = Date.now();
  await page.getByTestId('right-info').waitFor();
  await page.getByTestId('left-info').waitFor();
  if (byContent) {
    await page.getByLabel('by content (no key)').check();
  } else {
    await page.getByTestId('key-columns').selectOption(['id']);
  }
  return chosen;
}

/**
 * Runs in the page, passed to waitForFunction: whether the page has read ahead what it reads ahead of a pair of `bytes`
 * (js/read-ahead.js): a small pair as tables (and diffed with the options, where the build does), a larger one as the
 * workers' ranges. Builds before the read-ahead report none, and builds before the ranges report no `ranges`. A pair larger
 * than the pool holds has no ranges read ahead: the benchmarks use none. With `ranges` false, a larger pair is clicked at
 * once, as by a person who does not stop between choosing the files and pressing Compare (RANGES_AHEAD=0 in the benchmark
 * scripts).
 * @param {{ bytes: number, ranges: boolean }} pair
 */
export function readAheadSettled({ bytes, ranges }) {
  const readAhead = window.csvdiff.diagnostics().readAhead;
  if (readAhead === undefined) {
    return true;
  }
  if (bytes < readAhead.belowBytes) {
    // A build that diffs the pair ahead goes from 'held' to 'diffing' in the same step, and on to 'diffed'.
    return readAhead.state === 'held' || readAhead.state === 'diffed' || readAhead.state === 'failed';
  }
  return !ranges || readAhead.ranges === undefined || readAhead.ranges === 'read' || readAhead.ranges === 'failed';
}

/** What a run found made before its Compare (the diagnostics' `lastRun.readAhead`), in words; '' for nothing. */
export function readAheadFound(readAhead) {
  return { inputs: 'inputs read ahead', diff: 'inputs read and diffed ahead', result: 'inputs read and diffed ahead, the result taken in by the page' }[readAhead] ?? '';
}

/** What readAheadSettled waits for, for a pair of `bytes`: the ranges too, unless RANGES_AHEAD=0. */
export function settledFor(bytes) {
  return { bytes, ranges: process.env.RANGES_AHEAD !== '0' };
}

/**
 * Clicks Compare and resolves to the milliseconds from the click event to the mutation that puts the counts in the document,
 * timed in the page as the peers are: timed from Playwright's side, the same runs took about 0.07 s longer (its checks before
 * a click and its polling after it).
 */
export async function clickCompareTimed(page) {
  const shown = page.evaluate(() => new Promise((resolve) => {
    const compare = document.querySelector('[data-testid=compare]');
    let clicked = 0;
    compare?.addEventListener('click', (event) => { clicked = event.timeStamp; }, { capture: true, once: true });
    const counts = new MutationObserver(() => {
      if (clicked > 0 && document.querySelector('[data-testid=count-added]')) {
        counts.disconnect();
        resolve(performance.now() - clicked);
      }
    });
    counts.observe(document.body, { childList: true, subtree: true });
  }));
  await page.getByTestId('compare').click();
  await page.getByTestId('count-added').waitFor();
  return await shown;
}
