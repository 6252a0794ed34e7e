// The built-in example compared again and again in one warm page (pool ready): Compare click → result on screen, per run,
// timed in the page by animation frames, beside the engine's own round trip from the diagnostics.
// Usage: node bench/warm-example.mjs CSVDIFF [RUNS]
import { launchChromium, serveViewer } from './viewer-host.mjs';

const [csvdiff, runsArg] = process.argv.slice(2);
const runs = Number(runsArg ?? 6);
const { server, url } = await serveViewer(csvdiff);
const browser = await launchChromium();
const page = await (await browser.newContext()).newPage();
await page.goto(url);
await page.waitForFunction(() => { const d = window.csvdiff?.diagnostics(); return d && d.mode !== null && d.workers === d.poolSize; });
await page.getByTestId('load-example').click();
await page.getByTestId('right-info').waitFor();
console.log('run\tclick_to_result_ms\tstrategy\tengine_ms');
for (let i = 0; i < runs; i++) {
  // With a result the inputs fold into a summary bar (builds before it had none): Compare stays on screen either way.
  if (await page.getByTestId('change-inputs').count() > 0) {
    await page.getByTestId('change-inputs').click();
  }
  await page.evaluate(() => { window.__done = null; });
  await page.evaluate(() => {
    window.__t = performance.now();
    // Done on the first frame that shows a status line other than the one before the click: the progress line replaces it
    // while the run lasts, and a warm run can end within one frame, so that line is not waited for.
    const before = document.querySelector('[data-testid=status]');
    const poll = () => {
      const status = document.querySelector('[data-testid=status]');
      if (status !== null && status !== before && document.querySelector('[data-testid=progress]') === null) {
        window.__done = performance.now();
        return;
      }
      requestAnimationFrame(poll);
    };
    document.querySelector('[data-testid=compare]').click();
    requestAnimationFrame(poll);
  });
  await page.waitForFunction(() => window.__done !== null);
  const ms = await page.evaluate(() => window.__done - window.__t);
  const run = (await page.evaluate(() => window.csvdiff.diagnostics())).lastRun;
  console.log([i + 1, Math.round(ms), run.strategy, run.milliseconds].join('\t'));
}
await browser.close(); server.kill();
