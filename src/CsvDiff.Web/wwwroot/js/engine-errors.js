// @ts-check
// Failures as kinds, so that .NET tells them apart without reading their text: the page's and the workers' JavaScript throw
// these, and acrossInterop hands any failure to .NET (BrowserBridge) in a form it reads.

/** @typedef {'cancelled' | 'unreadable' | 'worker-lost' | 'failed'} FailureKind */

export class EngineError extends Error {
  /** @param {FailureKind} kind @param {string} message */
  constructor(kind, message) {
    super(message);
    /** @type {FailureKind} */
    this.kind = kind;
  }
}

/** The kind of any failure: an EngineError's own, anything else 'failed'. @returns {FailureKind} */
export function kindOf(error) {
  return error instanceof EngineError ? error.kind : 'failed';
}

// A runtime that aborts (out of memory, say) can put its whole stack in the message; the user sees one sentence.
const MAX_MESSAGE_LENGTH = 300;

/** A failure's message for people: its first line, kept short; never a stack trace. @returns {string} */
export function messageOf(error) {
  const text = (error instanceof Error ? error.message : String(error)).split('\n')[0].trim();
  return text.length > MAX_MESSAGE_LENGTH ? `${text.slice(0, MAX_MESSAGE_LENGTH)}…` : text || 'no reason given';
}

/**
 * Runs work .NET awaits. JS interop carries only an error's message, so a failure crosses as JSON of its kind and message,
 * which BrowserBridge turns back into an exception type.
 * @template T @param {() => Promise<T> | T} work @returns {Promise<T>}
 */
export async function acrossInterop(work) {
  try {
    return await work();
  } catch (error) {
    throw new Error(JSON.stringify({ kind: kindOf(error), message: messageOf(error) }));
  }
}
