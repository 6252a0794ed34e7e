// Runs DuckDB's equivalent of a keyed diff on two CSV files (the query bench/browser.mjs runs in DuckDB-WASM): a full outer
// join on id over read_csv, rows whose other columns differ, counted by kind. Prints the counts as csvdiff's summary does.
import { DuckDBInstance } from '@duckdb/node-api';

const [leftFile, rightFile] = process.argv.slice(2);
const instance = await DuckDBInstance.create(':memory:');
const connection = await instance.connect();
const literal = (path) => `'${path.replaceAll("'", "''")}'`;
const reader = await connection.runAndReadAll(`
  SELECT count(*) FILTER (WHERE l.id IS NULL) AS added,
         count(*) FILTER (WHERE r.id IS NULL) AS removed,
         count(*) FILTER (WHERE l.id IS NOT NULL AND r.id IS NOT NULL AND l IS DISTINCT FROM r) AS modified,
         count(*) FILTER (WHERE l.id IS NOT NULL AND r.id IS NOT NULL AND l IS NOT DISTINCT FROM r) AS unchanged
  FROM read_csv(${literal(leftFile)}, all_varchar = true) l
  FULL OUTER JOIN read_csv(${literal(rightFile)}, all_varchar = true) r ON l.id = r.id`);
const [added, removed, modified, unchanged] = reader.getRows()[0].map(Number);
console.log(`${added} added, ${removed} removed, ${modified} modified, ${unchanged} unchanged`);
connection.closeSync();
instance.closeSync();
