// What the page's scripts find on window and navigator beyond the DOM's own types.
interface Window {
  /** Set by isolation.js: how the page came to be cross-origin isolated, or why it is not. */
  csvdiffIsolation?: string;
  /** The automation hooks viewer.js offers (README: version, diagnostics(), lastResult()). */
  csvdiff?: unknown;
}

interface Navigator {
  /** Chromium's approximate device memory in GB (not in every browser). */
  readonly deviceMemory?: number;
}
