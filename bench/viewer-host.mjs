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
 * Runs in the page, passed to waitForFunction: whether the page has read ahead what it reads ahead of a pair of `bytes`
 * (js/read-ahead.js), nothing when they are too large to run whole. Builds before the read-ahead report none.
 */
export function readAheadSettled(bytes) {
  const readAhead = window.csvdiff.diagnostics().readAhead;
  return readAhead === undefined || readAhead.state === 'held' || readAhead.state === 'failed'
    || (readAhead.state === 'none' && bytes >= readAhead.belowBytes);
}
