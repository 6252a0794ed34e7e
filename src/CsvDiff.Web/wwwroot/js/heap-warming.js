// @ts-check
// Writing to a .NET runtime's heap ahead of the work that will take it. The first write to each fresh page of memory is a
// page fault, and on the two-core machine of docs/BENCHMARKS.md those made up a good part of a large Compare; written while
// the user sets the options, the memory is in place when the Compare asks for it. Used by the engine workers and the page.

/**
 * The part of an Emscripten module this needs: the allocator .NET's heap grows through, and the heap's current view.
 * @typedef {{ _malloc(bytes: number): number, _free(address: number): void, HEAPU8: Uint8Array }} RuntimeModule
 */

/** How many bytes of each runtime's heap have been written here, at most: that memory stays in the heap once freed. */
const warmed = new WeakMap();

/**
 * Has `bytes` of the runtime's heap written to, unless as many were already: allocates them through the runtime's allocator,
 * writes `stepBytes` at a time (yielding between steps, so that a page stays responsive), and frees them, so that the
 * allocator hands the same memory out again. Stops early when `stop()` says so. Resolves to the bytes written.
 * @param {RuntimeModule | null | undefined} module @param {number} bytes
 * @param {{ stepBytes?: number, stop?: () => boolean }} [how]
 */
export async function warmHeap(module, bytes, { stepBytes = Infinity, stop = () => false } = {}) {
  if (typeof module?._malloc !== 'function' || bytes <= (warmed.get(module) ?? 0)) {
    return 0;
  }
  const start = module._malloc(bytes);
  if (start === 0) {
    // No room for it all at once: the work will take what there is as it goes.
    return 0;
  }
  let written = 0;
  try {
    while (written < bytes && !stop()) {
      const step = Math.min(stepBytes, bytes - written);
      // The view is taken anew each time: the allocation, or .NET meanwhile, may have grown the heap and replaced its buffer.
      module.HEAPU8.fill(0, start + written, start + written + step);
      written += step;
      if (written < bytes && stepBytes !== Infinity) {
        await new Promise((resolve) => setTimeout(resolve, 0));
      }
    }
  } finally {
    module._free(start);
  }
  warmed.set(module, Math.max(warmed.get(module) ?? 0, written));
  return written;
}
