// @ts-check
// How big the engine pool is, decided from the browser's facts and the URL's switches.
import { switches } from './url-switches.js';

const MAX_POOL_SIZE = 8;

/**
 * @param {{ hardwareConcurrency: number, deviceMemoryGb: number | null }} facts
 * @returns {{ size: number, notes: string[] }}
 */
export function planPool(facts) {
  const notes = [];
  let size = Math.min(facts.hardwareConcurrency, MAX_POOL_SIZE);
  const asked = switches.workers;
  if (asked === 'off') {
    size = 0;
  } else if (asked !== null && Number.isInteger(Number(asked)) && Number(asked) >= 1) {
    size = Math.min(Number(asked), MAX_POOL_SIZE);
    notes.push(`pool size ${size} set by ?workers=${asked}`);
  } else if (facts.deviceMemoryGb !== null && facts.deviceMemoryGb < size) {
    // Every worker holds a .NET runtime and its shards; on a small device fewer, fuller workers are safer.
    size = Math.max(1, Math.floor(facts.deviceMemoryGb));
    notes.push(`pool reduced to ${size} because the device reports ${facts.deviceMemoryGb} GB of memory`);
  }
  return { size, notes };
}
