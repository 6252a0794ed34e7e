// @ts-check
// How big the engine pool is and how its workers get the inputs, decided from the browser's facts and the URL's switches.
import { switches } from './url-switches.js';

const MAX_POOL_SIZE = 8;

/**
 * @param {{ hardwareConcurrency: number, deviceMemoryGb: number | null, crossOriginIsolated: boolean, sharedArrayBuffer: boolean }} facts
 * @returns {{ size: number, notes: string[], sharing: 'shared' | 'per-worker', sharingNote: string | null }}
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
  const canShare = facts.crossOriginIsolated && facts.sharedArrayBuffer;
  if (canShare && !switches.sharingOff) {
    return { size, notes, sharing: 'shared', sharingNote: null };
  }
  const why = switches.sharingOff
    ? 'sharing is turned off by ?sharing=off'
    : !facts.crossOriginIsolated ? 'the page is not cross-origin isolated, so SharedArrayBuffer is off' : 'this browser has no SharedArrayBuffer';
  return { size, notes, sharing: 'per-worker', sharingNote: `${why}: each worker reads its own parts of the files, and the bytes around each cut are read twice` };
}
