// Whether the library's table fits its window: it must not scroll sideways, and no header, kind, size, access or
// date is cut (names and ids may be: they end in an ellipsis and their whole text is the cell's tooltip). Runs in the
// page (page.evaluate(tableCuts)); returns what is cut, [] when all fits.
export function tableCuts(): string[] {
  const grid = document.querySelector('.lib-grid');
  if (!grid) return ['no table'];
  const cuts = grid.scrollWidth > grid.clientWidth + 1 ? [`sideways ${grid.clientWidth}/${grid.scrollWidth}`] : [];
  const cells = grid.querySelectorAll('.lib-head-row .lib-cell, .lib-grid-rows :is(.col-type, .col-size, .col-access, .col-createdOn)');
  for (const cell of cells) {
    if (cell.getClientRects().length === 0) continue;
    const parts = [cell, ...cell.querySelectorAll('.sort-button, .lib-access-text')];
    if (parts.some((part) => part.scrollWidth > part.clientWidth + 1)) cuts.push(`${cell.className}: ${cell.textContent ?? ''}`);
  }
  return [...new Set(cuts)];
}
