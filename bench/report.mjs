// Turns bench/compare.sh's measurements into docs/BENCHMARKS.md and a bar chart, docs/benchmarks.svg.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';

const [resultsFile, machineFile] = process.argv.slice(2);
const rows = readFileSync(resultsFile, 'utf8').trim().split('\n').slice(1).map((line) => {
  const [size, mode, tool, status, seconds, rssKb, inputBytes, note] = line.split('\t');
  return { size: Number(size), mode, tool, status, seconds: Number(seconds), rssMb: Number(rssKb) / 1024, inputMb: Number(inputBytes) / 1048576, note: note ?? '' };
});
const machine = readFileSync(machineFile, 'utf8').trim();
const fmt = (n, digits = 2) => n.toFixed(digits);
const find = (size, mode, tool) => rows.find((r) => r.size === size && r.mode === mode && r.tool === tool && r.status === 'ok');

const lines = [];
lines.push('# Benchmarks', '');
lines.push('Measured by `bench/compare.sh` in one run, on the same generated pairs (`csvdiff generate`: 10 columns,');
lines.push('1% of rows modified, 0.5% added, 0.5% removed, quoted commas, quotes, line breaks and non-ASCII in');
lines.push('cells; the "plain" pairs have no line breaks in cells, which tabular-data-differ cannot read). Wall time and peak');
lines.push('RSS are of the whole process (`/usr/bin/time`): the median time of three runs and the');
lines.push('highest peak, since one run varies by about ±0.05 s here. Keyed runs use `id`;');
lines.push('tabular-data-differ needs key-sorted input, which these pairs are; DuckDB runs `bench/duckdb.mjs`. Regenerate with `bench/compare.sh`.', '');
lines.push('## Machine', '', '```', machine, '```', '');
lines.push('## Results', '');
lines.push('| rows | mode | tool | status | wall (s) | peak RSS (MB) | inputs (MB) | csvdiff -j 2 is faster by | output or error |');
lines.push('| ---: | --- | --- | --- | ---: | ---: | ---: | ---: | --- |');
const cell = (text) => text.replaceAll('|', '\\|');
for (const r of rows) {
  const ours = find(r.size, r.mode, 'csvdiff -j 2');
  const ratio = r.status === 'ok' && ours && !r.tool.startsWith('csvdiff') ? `${fmt(r.seconds / ours.seconds, 1)}×` : '';
  lines.push(`| ${r.size.toLocaleString('en')} | ${r.mode} | ${r.tool} | ${r.status} | ${r.status === 'ok' ? fmt(r.seconds) : ''} | ${r.status === 'ok' ? fmt(r.rssMb, 0) : ''} | ${fmt(r.inputMb, 1)} | ${ratio} | ${cell(r.note)} |`);
}
lines.push('');

const target = 'keyed, realistic';
// The target sizes are those every tool ran at; larger ones (csvdiff alone) are reported separately.
const largest = Math.max(...rows.filter((r) => r.mode === target && r.tool === 'csvdiff -j 1').map((r) => r.size));
const one = find(largest, target, 'csvdiff -j 1');
const two = find(largest, target, 'csvdiff -j 2');
lines.push('## Against the targets (keyed, the largest size run)', '');
if (one && two) {
  const rssBudget = 1.2 * two.inputMb + 50;
  lines.push(`- Wall time, 2 threads: ${fmt(two.seconds)} s for ${largest.toLocaleString('en')} rows (target for 1,000,000 rows: 0.8 s).`);
  lines.push(`- 2 threads against 1: ${fmt(one.seconds / two.seconds)}× faster (target: 1.6×).`);
  lines.push(`- Peak RSS: ${fmt(two.rssMb, 0)} MB against a budget of ${fmt(rssBudget, 0)} MB (1.2 × inputs + 50 MB).`);
}
const daffRuns = rows.filter((r) => r.tool === 'daff' && r.mode === target && r.status === 'ok');
if (daffRuns.length > 0) {
  const d = daffRuns[daffRuns.length - 1];
  const ours = find(d.size, target, 'csvdiff -j 2');
  lines.push(`- daff finished up to ${d.size.toLocaleString('en')} rows; there csvdiff was ${fmt(d.seconds / ours.seconds, 1)}× faster (target: 20×).`);
}
const duckdbRun = find(largest, target, 'DuckDB');
if (duckdbRun && two) {
  lines.push(`- DuckDB's keyed diff query (\`bench/duckdb.mjs\`: a full outer join on id over \`read_csv\`) at ${largest.toLocaleString('en')} rows: ${fmt(duckdbRun.seconds)} s, ${fmt(duckdbRun.seconds / two.seconds, 1)}× csvdiff's time.`);
}
for (const r of rows.filter((x) => x.size > largest && x.mode === target && x.tool === 'csvdiff -j 2')) {
  lines.push(r.status === 'ok'
    ? `- ${r.size.toLocaleString('en')} rows (${fmt(r.inputMb / 2, 0)} MB per file), csvdiff alone: ${fmt(r.seconds)} s, ${fmt(r.rssMb, 0)} MB peak RSS`
      + `${two ? `; ${fmt(r.seconds / two.seconds, 1)}× the ${largest.toLocaleString('en')}-row time at 2 threads (target: within 12×)` : ''}.`
    : `- ${r.size.toLocaleString('en')} rows, csvdiff alone: ${r.status} (${r.note}).`);
}
lines.push('');
lines.push('Micro-benchmarks of each stage against naive baselines: [MICRO-BENCHMARKS.md](MICRO-BENCHMARKS.md) (`bench/micro.sh`).', '');
// bench/browser.sh leaves its measurements beside these; the browser section appears once it has run.
const browserFile = resultsFile.replace(/results\.tsv$/, 'browser.tsv');
if (existsSync(browserFile)) {
  const browserRows = readFileSync(browserFile, 'utf8').trim().split('\n').slice(1).map((line) => {
    const [size, inputBytes, tool, seconds, detail] = line.split('\t');
    return { size: Number(size), inputMb: Number(inputBytes) / 1048576, tool, seconds: seconds === '' ? null : Number(seconds), detail: detail ?? '' };
  });
  const browserMachine = existsSync(browserFile.replace('browser.tsv', 'browser-machine.txt'))
    ? readFileSync(browserFile.replace('browser.tsv', 'browser-machine.txt'), 'utf8').trim() : 'Chromium';
  lines.push('## Browser', '');
  lines.push(`Measured by \`bench/browser.sh\` in ${browserMachine} (headless, same machine): from the click on Compare to the counts on`);
  lines.push('screen, the files chosen as `File` objects, keyed on `id`. daff runs its browser build in the same page on the same');
  lines.push('`File` objects (read as text, parsed, diffed; it renders nothing, the viewer renders its grid). The viewer\'s worker');
  lines.push('pool has started and warmed up before the click, as it has by the time a person has chosen two files. DuckDB-WASM');
  lines.push('runs the equivalent keyed diff query on the same `File` objects (a full outer join on `id`, rows whose other columns');
  lines.push('differ, counted by kind; it lists no rows), timed from registering the files to the counts.', '');
  lines.push('| rows | inputs (MB) | engine | seconds | how it ran |');
  lines.push('| ---: | ---: | --- | ---: | --- |');
  for (const r of browserRows) {
    lines.push(`| ${r.size.toLocaleString('en')} | ${fmt(r.inputMb, 1)} | ${r.tool} | ${r.seconds === null ? '' : fmt(r.seconds)} | ${cell(r.detail)} |`);
  }
  lines.push('');
  // The targets are set where 1 worker ran too; larger pairs run with the full pool only.
  const largestBrowser = Math.max(...browserRows.filter((r) => r.tool === 'viewer, 1 worker').map((r) => r.size));
  const at = (tool) => browserRows.find((r) => r.size === largestBrowser && r.tool.startsWith(tool) && r.seconds !== null);
  const single = at('viewer, 1 worker');
  const pool = browserRows.filter((r) => r.size === largestBrowser && r.tool.startsWith('viewer') && r.seconds !== null).at(-1);
  const daff = at('daff');
  if (single && pool && pool !== single) {
    lines.push(`- ${largestBrowser.toLocaleString('en')} rows: ${pool.tool} ${fmt(pool.seconds)} s (target: 4 s with 2 workers); ${fmt(single.seconds / pool.seconds)}× faster than 1 worker (target: 1.6×).`);
  }
  if (pool && daff) {
    lines.push(`- daff's browser build on the same files: ${fmt(daff.seconds)} s, ${fmt(daff.seconds / pool.seconds)}× the viewer's time.`);
  }
  const duckdb = at('DuckDB-WASM');
  if (pool && duckdb) {
    lines.push(`- DuckDB-WASM on the same files: ${fmt(duckdb.seconds)} s, ${fmt(duckdb.seconds / pool.seconds)}× the viewer's time.`);
  }
  for (const r of browserRows.filter((x) => x.size > largestBrowser && x.seconds !== null)) {
    lines.push(`- ${r.size.toLocaleString('en')} rows (${fmt(r.inputMb, 0)} MB, more than one engine's heap can take): ${r.tool} ${fmt(r.seconds)} s.`);
  }
  lines.push('');
} else if (existsSync('docs/BENCHMARKS.md')) {
  // Without browser.sh's measurements here (a clone that has not run it), the browser section last written is kept.
  const kept = /^## Browser\n[\s\S]*?(?=^## )/m.exec(readFileSync('docs/BENCHMARKS.md', 'utf8'));
  if (kept) {
    lines.push(kept[0].trimEnd(), '');
  }
}

lines.push('## What the profile shows', '');
lines.push('The phase profile in [MICRO-BENCHMARKS.md](MICRO-BENCHMARKS.md) times one warmed-up 1,000,000-row diff by phase, on the');
lines.push('JIT. The csvdiff timed above is the published one, native code (NativeAOT): nothing is compiled while it runs, so it');
lines.push('starts in about 0.015 s (bench/native-side-by-side.sh), and with two threads both cores do the diff instead of sharing one with the JIT (which held');
lines.push('2 threads to 1.55× of 1 before). Reading (tokenizing both files side by side, hashing each record as it goes) is');
lines.push('most of the time; matching, reading the changed rows back and comparing them are a small part.');
if (one && two && one.seconds / two.seconds < 1.6) {
  lines.push(`2 threads are ${fmt(one.seconds / two.seconds)}× and not 1.6× faster than 1 in this run. Runs here vary by about ±0.05 s, more for`);
  lines.push('the first after the machine has been idle: the medians of many runs alternating, in the sections below, say more.');
}
lines.push('');
lines.push('Memory: files are streamed, so the inputs are not held. What remains is per row: about 4 bytes of record index (the');
lines.push('start\'s low 32 bits; line numbers only where a record spans lines), 16 bytes of key and record hashes, 8 bytes of');
lines.push('pairing and the map of left keys (4-byte slots, three for two rows), about 35 bytes a row in all; plus the rows that');
lines.push('differ, read back as strings, and the .NET runtime\'s 20 MB. The key hashes and the key map are dropped once rows are');
lines.push('paired, and from 4,000,000 rows their memory is given back before the rows that differ are read, so those strings take');
lines.push('its place instead of adding to the peak.', '');
lines.push('In the browser each worker runs .NET in the WebAssembly interpreter. Reading and hashing the shards (`load`) is most of');
lines.push('the time, and it divides between workers, as matching does. Each worker first runs a small made-up diff, before it');
lines.push('reports ready, so that the first real one does not pay for compiling while the workers compete for the cores. The');
lines.push('rest does not divide: reading the files (each worker reads its own ranges, but the browser reads files no faster for');
lines.push('it), moving the hashes to the workers that match them, decoding the rows that differ, assembling the result on the');
lines.push('page (interpreted too) and rendering it.');
if (existsSync(browserFile)) {
  const browserRows = readFileSync(browserFile, 'utf8').trim().split('\n').slice(1).map((line) => line.split('\t'));
  const runOf = (tool) => browserRows.find(([size, , name, seconds]) => Number(size) === 1_000_000 && name === tool && seconds !== '');
  const single = runOf('viewer, 1 worker');
  const pool = runOf('viewer, 2 workers');
  const phase = (row, name) => Number(new RegExp(`${name} (\\d+) ms`).exec(row[4])?.[1] ?? 0);
  if (single && pool) {
    // What divides is loading and matching; the rest of the 2-worker run is what did not.
    const pageMs = Number(pool[3]) * 1000 - phase(pool, 'load') - phase(pool, 'match');
    const ratio = Number(single[3]) / Number(pool[3]);
    lines.push(`At 1,000,000 rows the rest takes about ${fmt(pageMs / 1000, 1)} s of the 2 workers' ${fmt(Number(pool[3]))} s, while loading and`);
    lines.push(`matching take ${fmt((phase(single, 'load') + phase(single, 'match')) / 1000, 1)} s with 1 worker and ${fmt((phase(pool, 'load') + phase(pool, 'match')) / 1000, 1)} s with 2: 2 workers are ${fmt(ratio)}× faster than 1`);
    lines.push(ratio < 1.6 ? '(target: 1.6×), and the rest is why.' : '(target: 1.6×).');
  }
}
lines.push('');
lines.push('![Keyed diff wall time by tool and size](benchmarks.svg)', '');
// Comparisons of two builds are kept by hand in docs/benchmark-history.md; the report carries them on.
if (existsSync('docs/benchmark-history.md')) {
  lines.push('', readFileSync('docs/benchmark-history.md', 'utf8').trim(), '');
}
writeFileSync('docs/BENCHMARKS.md', lines.join('\n'));

// One bar per tool per size (keyed), on a log scale so a 100× gap still shows both bars.
const keyed = rows.filter((r) => r.mode === 'keyed, plain' && r.status === 'ok');
const sizes = [...new Set(keyed.map((r) => r.size))];
const tools = [...new Set(keyed.map((r) => r.tool))];
const colors = ['#0969da', '#54aeff', '#cf222e', '#8250df', '#bf8700'];
const width = 760, rowHeight = 22, groupGap = 18, left = 190, plot = width - left - 80;
const maxLog = Math.log10(Math.max(...keyed.map((r) => r.seconds)) * 10), minLog = Math.log10(Math.min(...keyed.map((r) => r.seconds)) / 2);
const x = (s) => ((Math.log10(s) - minLog) / (maxLog - minLog)) * plot;
let y = 40;
const parts = [`<text x="10" y="22" font-size="15" font-weight="bold">Keyed diff of pairs every tool can read, wall time in seconds (log scale; shorter is better)</text>`];
for (const size of sizes) {
  parts.push(`<text x="10" y="${y + 15}" font-size="13" font-weight="bold">${size.toLocaleString('en')} rows</text>`);
  y += rowHeight;
  for (const [i, tool] of tools.entries()) {
    const r = keyed.find((k) => k.size === size && k.tool === tool);
    if (!r) continue;
    parts.push(`<text x="${left - 8}" y="${y + 15}" font-size="12" text-anchor="end">${tool}</text>`);
    parts.push(`<rect x="${left}" y="${y + 3}" width="${Math.max(2, x(r.seconds))}" height="${rowHeight - 6}" fill="${colors[i % colors.length]}"/>`);
    parts.push(`<text x="${left + Math.max(2, x(r.seconds)) + 6}" y="${y + 15}" font-size="12">${fmt(r.seconds)} s</text>`);
    y += rowHeight;
  }
  y += groupGap;
}
const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${y + 10}" font-family="system-ui, sans-serif"><rect width="100%" height="100%" fill="#fff"/>${parts.join('')}</svg>\n`;
writeFileSync('docs/benchmarks.svg', svg);
console.log(`wrote docs/BENCHMARKS.md and docs/benchmarks.svg from ${rows.length} measurements`);
