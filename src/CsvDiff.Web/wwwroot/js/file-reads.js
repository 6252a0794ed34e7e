// @ts-check
// Reading the chosen files: a read that fails because a file changed, moved or went away since it was chosen says which.
import { EngineError } from './engine-errors.js';

/** Bytes <start> to <end> of <file>. */
export async function readSlice(file, start, end) {
  try {
    return new Uint8Array(await file.slice(start, end).arrayBuffer());
  } catch (error) {
    throw explained(error, file.name);
  }
}

/**
 * Reads bytes <start> to <end> of <file> in the chunks the browser's stream gives, handing each to <take> before the next is
 * read, so that a caller with a home for the bytes takes them there without a whole copy between (memory touched for the
 * first time costs more here than reading into it: about 3 ms a MB on the machine measured, docs/BENCHMARKS.md). The
 * stream's own reader, not a "bring your own buffer" one into a reused buffer, which read a range about 0.3 s sooner: in
 * Chromium 156 that one's first read of a File's slice in a worker sometimes never resolved, and the comparison waited for
 * ever (docs/BENCHMARKS.md, tenth session).
 * @param {File} file @param {number} start @param {number} end @param {(chunk: Uint8Array) => void} take
 */
export async function readChunks(file, start, end, take) {
  try {
    const reader = file.slice(start, end).stream().getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done || value === undefined) {
        return;
      }
      take(value);
    }
  } catch (error) {
    throw explained(error, file.name);
  }
}

/**
 * Resolves once both files are still as they were chosen, and fails naming the first that is not, as reading it would: a
 * File is a snapshot that the browser refuses to read once the file on disk has changed, and one byte of each tells.
 * Inputs read ahead are checked so at Compare.
 * @param {File} left @param {File} right @returns {Promise<void>}
 */
export async function unchangedOnDisk(left, right) {
  await Promise.all([left, right].map((file) => readSlice(file, 0, 1)));
}

/** The whole file, as the engine reads an input it cannot shard. */
export async function readAll(file) {
  try {
    return await file.arrayBuffer();
  } catch (error) {
    throw explained(error, file.name);
  }
}

// A File is a snapshot: Chrome refuses to read it once the file on disk has changed (NotReadableError) or gone (NotFoundError).
function explained(error, name) {
  if (!(error instanceof DOMException) || (error.name !== 'NotReadableError' && error.name !== 'NotFoundError')) {
    return error;
  }
  return new EngineError('unreadable', `${name} could not be read: it has changed, moved or gone since it was chosen. Choose it again.`);
}
