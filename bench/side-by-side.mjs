// Times two or more builds of the viewer side by side: the same Compare (keyed on id; MATCH=content by content) in fresh
// pages, one build after the other, round after round, so that the machine's drift falls on every build alike. Timed in the
// page, from the click event to the mutation that puts the counts in the document, as bench/browser.mjs times it.
// Usage: node bench/side-by-side.mjs LEFT RIGHT ROUNDS CSVDIFF [CSVDIFF ...]; RANGES_AHEAD=0 as in bench/browser.mjs. A build
// given as CSVDIFF?SWITCHES opens its pages with those URL switches too (e.g. `?diff-ahead=off`), so that one build can be
// set beside itself. AT_ONCE=1 clicks Compare as soon as the inputs are chosen and the match set, without waiting for what
// the page reads (and diffs) ahead: the time from the click then includes the rest of that.
import { statSync } from 'node:fs';
import { chooseInputs, clickCompareTimed, launchChromium, poolWarm, readAheadFound, readAheadSettled, serveViewer, settledFor } from './viewer-host.mjs';

const [left, right, rounds, ...builds] = process.argv.slice(2);
const byContent = process.env.MATCH === 'content';
// WORKERS=1 times the builds with one engine worker instead of two.
const poolSize = Number(process.env.WORKERS ?? 2);
const browser = await launchChromium();
const servers = await Promise.all(builds.map((build) => serveViewer(build.split('?')[0])));
const switches = builds.map((build) => (build.includes('?') ? `&${build.split('?')[1]}` : ''));
const times = builds.map(() => /** @type {number[]} */ ([]));
// Each build's phases as the page's diagnostics time them (sharded runs: read, load, hash, match, fetch, assemble), by name.
const phases = builds.map(() => /** @type {Map<string, number[]>} */ (new Map()));
try {
  for (let round = 0; round < Number(rounds); round++) {
    for (let i = 0; i < builds.length; i++) {
      const { ms, readAheadMs, readAhead, ran } = await timeCompare(`${servers[i].url}?workers=${poolSize}${switches[i]}`);
      times[i].push(ms);
      for (const [name, phaseMs] of Object.entries(ran)) {
        phases[i].set(name, [...(phases[i].get(name) ?? []), phaseMs]);
      }
      const ahead = readAheadFound(readAhead);
      console.error(`${builds[i]} round ${round + 1}: ${ms} ms${ahead ? `, ${ahead}, ready ${readAheadMs} ms after the second was chosen` : ''}`);
    }
  }
  builds.forEach((build, i) => {
    const byPhase = [...phases[i]].map(([name, values]) => `${name.replace('Ms', '')} ${median(values)}`).join(', ');
    console.log(`${build}\tmedian ${median(times[i])} ms\t${times[i].join(' ')}${byPhase ? `\tphase medians (ms): ${byPhase}` : ''}`);
  });
} finally {
  await browser.close();
  for (const { server } of servers) {
    server.kill();
  }
}

async function timeCompare(pageUrl) {
  const context = await browser.newContext();
  const page = await context.newPage();
  page.setDefaultTimeout(600_000);
  await page.goto(pageUrl);
  await page.waitForFunction(poolWarm);
  const chosen = await chooseInputs(page, left, right, byContent);
  // As bench/browser.mjs does, the click comes once the inputs are read ahead, unless AT_ONCE.
  if (process.env.AT_ONCE !== '1') {
    await page.waitForFunction(readAheadSettled, settledFor(statSync(left).size + statSync(right).size), { polling: 5 });
  }
  const waited = Date.now() - chosen;
  const ms = Math.round(await clickCompareTimed(page));
  const run = await page.evaluate(() => window.csvdiff.diagnostics().lastRun);
  await context.close();
  const ran = Object.fromEntries(Object.entries(run.phases ?? {}).filter(([, phaseMs]) => phaseMs !== null));
  return { ms, readAheadMs: waited, readAhead: run.readAhead, ran };
}

function median(values) {
  return [...values].sort((a, b) => a - b)[Math.floor((values.length - 1) / 2)];
}
