// @ts-check
// The diagnostics report (the panel, window.csvdiff.diagnostics()): the pool's state and the record of the last run.
import { poolReport } from './engine-pool.js';

/**
 * @typedef {{ strategy: string, milliseconds: number, bytes: number, declined?: string | null, workersUsed?: number,
 *   inputSharing?: string | null, phases?: Record<string, number | null>, notices?: string[] }} RunRecord
 */

/** @type {RunRecord | null} */
let lastRun = null;

/** Keeps a finished run's record: sharded, in one worker, or on the page. @param {RunRecord} record */
export function recordRun(record) {
  lastRun = record;
}

/** The whole report, as a copy. */
export function report() {
  return { ...poolReport(), lastRun: structuredClone(lastRun) };
}
