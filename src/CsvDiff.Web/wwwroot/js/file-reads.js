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
