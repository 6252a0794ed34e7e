// A fresh page load of the viewer under `csvdiff serve` in Debian's Chromium (new profile, cold cache): bytes on the wire,
// requests, framework files fetched more than once, and the times to usable file inputs (the page shell's, or the viewer's
// where there is no shell), to the viewer rendered by .NET, to a ready worker pool, and to its workers' warm-ups done. Each
// run is done twice side by side: as the browser asks (Brotli/gzip accepted) and with compression refused, which is what
// `csvdiff serve` sent before it served the precompressed copies.
// Usage: node bench/startup.mjs CSVDIFF [RUNS]; ENCODINGS=br runs only the compressed load (to set builds side by side).
import { launchChromium, serveViewer } from './viewer-host.mjs';

const [csvdiff, runsArg] = process.argv.slice(2);
const runs = Number(runsArg ?? 3);
const { server, url } = await serveViewer(csvdiff);

async function load(compressed) {
  const browser = await launchChromium();
  const context = await browser.newContext();
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  // Workers' requests are seen through the target auto-attach; Playwright's own request events cover them too.
  let bytes = 0;
  const fetched = new Map();
  context.on('requestfinished', async (request) => {
    const sizes = await request.sizes().catch(() => null);
    bytes += sizes ? sizes.responseBodySize + sizes.responseHeadersSize : 0;
    const path = new URL(request.url()).pathname;
    fetched.set(path, (fetched.get(path) ?? 0) + 1);
  });
  if (!compressed) {
    await context.setExtraHTTPHeaders({ 'Accept-Encoding': 'identity' });
  }
  const started = Date.now();
  await page.goto(url, { waitUntil: 'commit' });
  await page.waitForSelector('[data-testid=shell-left-file], [data-testid=left-file]');
  const inputsMs = Date.now() - started;
  await page.waitForFunction(() => window.csvdiff !== undefined, null, { timeout: 120_000 });
  const viewerMs = Date.now() - started;
  await page.waitForFunction(() => {
    const d = window.csvdiff?.diagnostics();
    return d && d.mode !== null && d.workers === d.poolSize;
  }, null, { timeout: 120_000 });
  const poolMs = Date.now() - started;
  // Ready workers compile their hot paths on made-up diffs while idle (js/engine-worker.js): when the last has done so.
  await page.waitForFunction(() => window.csvdiff.diagnostics().workerDetails.every((w) => w.warmUp !== 'running'), null, { timeout: 120_000 });
  const warmedMs = Date.now() - started;
  await page.waitForTimeout(500);
  const twice = [...fetched].filter(([path, n]) => path.includes('/_framework/') && n > 1).length;
  await browser.close();
  return { inputsMs, viewerMs, poolMs, warmedMs, bytes, requests: [...fetched.values()].reduce((a, b) => a + b, 0), twice };
}

const median = (values) => values.sort((a, b) => a - b)[Math.floor(values.length / 2)];
console.log(`machine: ${(await import('node:os')).cpus()[0].model}, ${(await import('node:os')).cpus().length} cores`);
console.log('encoding\tinputs_ms\tviewer_ms\tpool_ms\twarmed_ms\tMB_on_wire\trequests\tframework_files_fetched_twice_or_more');
const encodings = (process.env.ENCODINGS ?? 'identity,br').split(',');
for (const compressed of [false, true].filter((c) => encodings.includes(c ? 'br' : 'identity'))) {
  const results = [];
  for (let i = 0; i < runs; i++) {
    results.push(await load(compressed));
  }
  console.log([compressed ? 'br/gzip' : 'identity', median(results.map((r) => r.inputsMs)), median(results.map((r) => r.viewerMs)),
    median(results.map((r) => r.poolMs)), median(results.map((r) => r.warmedMs)),
    (median(results.map((r) => r.bytes)) / 1e6).toFixed(2), median(results.map((r) => r.requests)), median(results.map((r) => r.twice))].join('\t'));
}
server.kill();
