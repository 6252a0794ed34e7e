// What the workers find beyond the standard worker types.
interface Performance {
  /** Chromium's JS heap figures (not in every browser). */
  readonly memory?: { usedJSHeapSize: number };
}
