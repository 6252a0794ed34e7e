// @ts-check
// Resizing the result grid's columns by dragging a header's edge. Widths are CSS variables on the grid (--c0, --c1, …), so
// the header and every cell of the column follow at once, with no render on .NET's side.

const MIN_WIDTH = 48;

/** Starts listening for drags on every grid's column edges (`[data-resize-column]`), now and in grids rendered later. */
export function watchColumnResizing() {
  document.addEventListener('pointerdown', onPointerDown);
}

/** @param {PointerEvent} event */
function onPointerDown(event) {
  const handle = event.target instanceof HTMLElement ? event.target.closest('[data-resize-column]') : null;
  const grid = handle?.closest('[data-grid-body]');
  const cell = handle?.parentElement;
  if (!(handle instanceof HTMLElement) || !(grid instanceof HTMLElement) || !cell) {
    return;
  }
  event.preventDefault();
  const variable = `--c${handle.dataset.resizeColumn}`;
  const startX = event.clientX;
  const startWidth = cell.getBoundingClientRect().width;
  handle.setPointerCapture(event.pointerId);
  const move = (/** @type {PointerEvent} */ moved) => {
    grid.style.setProperty(variable, `${Math.max(MIN_WIDTH, Math.round(startWidth + moved.clientX - startX))}px`);
  };
  const stop = () => {
    handle.removeEventListener('pointermove', move);
    handle.removeEventListener('pointerup', stop);
    handle.removeEventListener('pointercancel', stop);
  };
  handle.addEventListener('pointermove', move);
  handle.addEventListener('pointerup', stop);
  handle.addEventListener('pointercancel', stop);
}
