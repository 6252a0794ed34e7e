// Times the viewer in Debian's Chromium: Compare → counts shown from File objects with 1 worker and with N, and daff's
// browser build on the same files in the same page. Usage: node bench/browser.mjs CSVDIFF OUT.tsv LEFT RIGHT [LEFT RIGHT ...]
// Compare is pressed once the page has read ahead what it reads ahead of the pair; RANGES_AHEAD=0 presses it at once for a pair
// cut into shards, without waiting for the workers to read their ranges (bench/viewer-host.mjs).
import { appendFileSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import esbuild from 'esbuild';
import { chooseInputs, clickCompareTimed, launchChromium, poolWarm, readAheadFound, readAheadSettled, serveViewer, settledFor } from './viewer-host.mjs';

const [csvdiff, out, ...files] = process.argv.slice(2);
const pairs = [];
for (let i = 0; i < files.length; i += 2) {
  pairs.push({ left: files[i], right: files[i + 1] });
}
// POOL_SIZES="2" skips the one-worker run, which the page refuses for inputs past one engine's memory.
const poolSizes = process.env.POOL_SIZES ? process.env.POOL_SIZES.split(' ').map(Number) : [...new Set([1, Number(process.env.WORKERS ?? 2)])];
// daff holds about 13 times its input in a tab's memory: the 1,000,000-row pair (200 MB) fits, the 5,000,000-row one does not.
const daffMaxBytes = Number(process.env.DAFF_MAX_BYTES ?? 250_000_000);
const runs = Number(process.env.RUNS ?? 3);
// MATCH=content matches rows by content (no key) in the viewer and in daff; DuckDB-WASM, whose diff is a join on the key,
// is then left out.
const byContent = process.env.MATCH === 'content';
const require = createRequire(import.meta.url);
const daffScript = require.resolve('daff/lib/daff.js');
// DuckDB-WASM's browser module imports apache-arrow by its bare name, so it is bundled once into one ES module; its worker
// and WebAssembly are served as published. The page reaches all three under a path the benchmark routes (duckdb/…).
const duckdbDist = dirname(require.resolve('@duckdb/duckdb-wasm/dist/duckdb-browser.mjs'));
const duckdbModule = esbuild.buildSync({ entryPoints: [join(duckdbDist, 'duckdb-browser.mjs')], bundle: true, format: 'esm', write: false,
  logLevel: 'silent' }).outputFiles[0].text;

const { server, url } = await serveViewer(csvdiff);

const browser = await launchChromium();
// APPEND=1 adds to an earlier run's table (bench/browser.sh's large sizes, run with the full pool only).
if (!process.env.APPEND) {
  writeFileSync(out, 'rows\tinput_bytes\ttool\tseconds\tdetail\n');
}

try {
  for (const pair of pairs) {
    const rows = Number(/(\d+)-/.exec(pair.left.split('/').pop())?.[1] ?? 0);
    const bytes = statSync(pair.left).size + statSync(pair.right).size;
    for (const workers of poolSizes) {
      // The median of RUNS runs, each in a fresh page: one run varies by about ±0.1 s.
      const timed = [];
      for (let run = 0; run < runs; run++) {
        timed.push(await timeViewer(pair, workers));
      }
      const { seconds, detail } = timed.sort((a, b) => a.seconds - b.seconds)[Math.floor((timed.length - 1) / 2)];
      record(rows, bytes, `viewer, ${workers} worker${workers > 1 ? 's' : ''}`, seconds, `${detail}${runs > 1 ? ` (median of ${runs})` : ''}`);
    }
    // PEERS=0 times the viewer alone; DuckDB-WASM's heap takes about what its inputs do, so it runs at every size.
    if (process.env.PEERS !== '0' && !byContent) {
      const duckdb = await timeDuckDb(pair);
      record(rows, bytes, 'DuckDB-WASM', duckdb.seconds, duckdb.detail);
    }
    if (daffMaxBytes === 0) {
      continue;
    }
    if (bytes <= daffMaxBytes) {
      const { seconds, detail } = await timeDaff(pair);
      record(rows, bytes, 'daff (browser build)', seconds, detail);
    } else {
      record(rows, bytes, 'daff (browser build)', '', `not run: inputs over ${daffMaxBytes / 1e6} MB (DAFF_MAX_BYTES)`);
    }
  }
} finally {
  await browser.close();
  server.kill();
}

function record(rows, bytes, tool, seconds, detail) {
  appendFileSync(out, `${rows}\t${bytes}\t${tool}\t${seconds === '' ? '' : seconds.toFixed(3)}\t${detail}\n`);
  console.error(`${rows} ${tool}: ${seconds === '' ? '-' : seconds.toFixed(3)} s ${detail}`);
}

async function openPage(query, options = {}) {
  const context = await browser.newContext(options);
  const page = await context.newPage();
  page.setDefaultTimeout(600_000);
  await page.goto(url + query);
  await page.waitForFunction(() => window.csvdiff !== undefined);
  return page;
}

// From the click on Compare to the counts on screen, as a person waits for it; the pool has started by then. Timed in the page,
// as daff and DuckDB-WASM are: from the click event to the mutation that puts the counts in the document. Timed from
// Playwright's side, the same runs took about 0.07 s longer (its checks before the click and its polling after it).
async function timeViewer(pair, workers) {
  // QUERY="whole-below=0" adds URL switches, e.g. to time small inputs in shards rather than whole.
  const page = await openPage(`?workers=${workers}${process.env.QUERY ? `&${process.env.QUERY}` : ''}`);
  await page.waitForFunction(poolWarm);
  await chooseInputs(page, pair.left, pair.right, byContent);
  // Small inputs are read ahead into a worker once both are chosen (js/read-ahead.js), as the pool starts before: a person
  // choosing a key takes longer than either, so the click comes once both are done. A Compare that comes sooner waits for them.
  await page.waitForFunction(readAheadSettled, settledFor(statSync(pair.left).size + statSync(pair.right).size));
  const seconds = (await clickCompareTimed(page)) / 1000;
  const run = (await page.evaluate(() => window.csvdiff.diagnostics())).lastRun;
  await page.context().close();
  const phases = Object.entries(run.phases ?? {}).filter(([, ms]) => ms !== null).map(([name, ms]) => `${name.replace('Ms', '')} ${ms} ms`);
  const found = readAheadFound(run.readAhead);
  return { seconds, detail: `${run.strategy}${run.declined ? ` (${run.declined})` : ''}${found ? `; ${found}` : ''}; ${phases.join(', ')}` };
}

// daff reads the same File objects as text, parses and diffs them keyed on id (or by content), in the viewer's page.
async function timeDaff(pair) {
  const page = await openPage('?workers=off', { bypassCSP: true });
  await page.addScriptTag({ path: daffScript });
  await page.getByTestId('left-file').setInputFiles(pair.left);
  await page.getByTestId('right-file').setInputFiles(pair.right);
  await page.getByTestId('right-info').waitFor();
  const result = await page.evaluate(async (byContent) => {
    const started = performance.now();
    const [left, right] = await Promise.all(['left', 'right'].map((side) => document.querySelector(`#app input[data-side=${side}]`).files[0].text()));
    const csv = new daff.Csv();
    const flags = new daff.CompareFlags();
    if (!byContent) {
      flags.addPrimaryKey('id');
    }
    const diff = daff.Coopy.diff(csv.makeTable(left), csv.makeTable(right), flags);
    return { seconds: (performance.now() - started) / 1000, height: diff.get_height() };
  }, byContent).catch((error) => ({ seconds: '', height: `failed: ${String(error.message).split('\n')[0]}` }));
  await page.context().close();
  return { seconds: result.seconds, detail: typeof result.height === 'number' ? `${result.height} rows in its diff table` : result.height };
}

// DuckDB-WASM runs the equivalent keyed diff on the same File objects in the viewer's page: a full outer join on id of the
// two CSV files read as text, rows whose other columns differ, counted by kind. Timed from registering the files to the
// counts; starting DuckDB (its worker and WebAssembly) comes before, as the viewer's pool has started before its click.
async function timeDuckDb(pair) {
  const page = await openPage('?workers=off', { bypassCSP: true });
  await page.route('**/duckdb/**', (route) => {
    const name = new URL(route.request().url()).pathname.split('/').pop();
    return name === 'duckdb.mjs'
      ? route.fulfill({ body: duckdbModule, contentType: 'text/javascript' })
      : route.fulfill({ path: join(duckdbDist, name), contentType: name.endsWith('.wasm') ? 'application/wasm' : 'text/javascript' });
  });
  await page.getByTestId('left-file').setInputFiles(pair.left);
  await page.getByTestId('right-file').setInputFiles(pair.right);
  await page.getByTestId('right-info').waitFor();
  const result = await page.evaluate(async () => {
    const base = new URL('duckdb/', location.href);
    const duckdb = await import(new URL('duckdb.mjs', base).href);
    // The worker and the WebAssembly are handed over as blob URLs, fetched through the page (whose requests are routed).
    const blobUrl = async (name, type) => URL.createObjectURL(new Blob([await (await fetch(new URL(name, base))).arrayBuffer()], { type }));
    const worker = new Worker(await blobUrl('duckdb-browser-eh.worker.js', 'text/javascript'));
    const db = new duckdb.AsyncDuckDB(new duckdb.VoidLogger(), worker);
    await db.instantiate(await blobUrl('duckdb-eh.wasm', 'application/wasm'));
    const files = ['left', 'right'].map((side) => document.querySelector(`#app input[data-side=${side}]`).files[0]);
    const started = performance.now();
    await db.registerFileHandle('left.csv', files[0], duckdb.DuckDBDataProtocol.BROWSER_FILEREADER, true);
    await db.registerFileHandle('right.csv', files[1], duckdb.DuckDBDataProtocol.BROWSER_FILEREADER, true);
    const connection = await db.connect();
    const table = await connection.query(`
      SELECT count(*) FILTER (WHERE l.id IS NULL) AS added,
             count(*) FILTER (WHERE r.id IS NULL) AS removed,
             count(*) FILTER (WHERE l.id IS NOT NULL AND r.id IS NOT NULL AND l IS DISTINCT FROM r) AS modified
      FROM read_csv('left.csv', all_varchar = true) l FULL OUTER JOIN read_csv('right.csv', all_varchar = true) r ON l.id = r.id`);
    const counts = table.toArray()[0].toJSON();
    const seconds = (performance.now() - started) / 1000;
    await connection.close();
    await db.terminate();
    return { seconds, counts: Object.fromEntries(Object.entries(counts).map(([k, v]) => [k, Number(v)])) };
  }).catch((error) => ({ seconds: '', counts: `failed: ${String(error.message).split('\n')[0]}` }));
  await page.context().close();
  return {
    seconds: result.seconds,
    detail: typeof result.counts === 'string' ? result.counts
      : `${result.counts.added} added, ${result.counts.removed} removed, ${result.counts.modified} modified`,
  };
}
