// @ts-check
// The diagnostics report (the panel, window.csvdiff.diagnostics()): the pool's state and the record of the last run.
import { poolReport } from './engine-pool.js';
import { readAheadReport } from './read-ahead.js';

/**
 * @typedef {{ strategy: string, milliseconds: number, bytes: number, declined?: string | null, workersUsed?: number,
 *   readAhead?: 'none' | 'inputs' | 'diff' | 'result', phases?: Record<string, number | null>, notices?: string[] }} RunRecord
 */

/** @type {RunRecord | null} */
let lastRun = null;

/** Keeps a finished run's record: sharded, in one worker, or on the page. @param {RunRecord} record */
export function recordRun(record) {
  lastRun = record;
}

/**
 * Keeps a run on the pool (in shards or whole in one worker): the workers' phases (from their first start to their last end)
 * with the page's own.
 * @param {{ strategy: string, declined?: string | null, workersUsed: number, milliseconds: number, bytes: number,
 *   phases: Record<string, number>, pagePhases: Record<string, number | null | undefined>, readAhead: 'none' | 'inputs' | 'diff' | 'result', notices: string[] }} run
 */
export function recordPoolRun({ strategy, declined, workersUsed, milliseconds, bytes, phases, pagePhases, readAhead, notices }) {
  lastRun = {
    strategy,
    declined: declined ?? null,
    workersUsed,
    // What a run found made before its Compare (read-ahead.js): 'inputs' in its workers' heaps, as tables for a whole run or as
    // ranges for shards; 'diff', the whole run's tables diffed with its options as well; 'result', that diff's reply already
    // taken in by the page; or 'none'.
    readAhead,
    milliseconds,
    bytes,
    phases: {
      readMs: phases.readMs ?? null,
      loadMs: phases.loadMs ?? null,
      hashMs: phases.hashMs ?? null,
      matchMs: pagePhases.matchMs ?? null,
      fetchMs: phases.fetchMs ?? null,
      pairMs: phases.pairMs ?? null,
      assembleMs: pagePhases.assembleMs ?? null,
    },
    notices,
  };
}

/** The whole report, as a copy. */
export function report() {
  return { ...poolReport(), readAhead: readAheadReport(), lastRun: structuredClone(lastRun) };
}
