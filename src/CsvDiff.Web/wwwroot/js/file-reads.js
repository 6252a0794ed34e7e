// @ts-check
// Reading the chosen files: a read that fails because a file changed, moved or went away since it was chosen says which.
/** The start of the message the page shows for such a file (Viewer.razor.cs recognises it). */
export const UNREADABLE = 'could not be read:';

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

export function isUnreadable(error) {
  return error instanceof Error && error.name === 'UnreadableInput';
}

// A File is a snapshot: Chrome refuses to read it once the file on disk has changed (NotReadableError) or gone (NotFoundError).
function explained(error, name) {
  if (!(error instanceof DOMException) || (error.name !== 'NotReadableError' && error.name !== 'NotFoundError')) {
    return error;
  }
  const unreadable = new Error(`${name} ${UNREADABLE} it has changed, moved or gone since it was chosen. Choose it again.`);
  unreadable.name = 'UnreadableInput';
  return unreadable;
}
