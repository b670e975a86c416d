// Whether the library's table fits its window: it must not scroll sideways, and no header, kind, size, access or
// date is cut, nor the "you" / "this app" mark beside an id (names and ids may be: they end in an ellipsis and their
// whole text is the cell's tooltip). Runs in the page (page.evaluate(tableCuts)); returns what is cut, [] when all fits.
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
  // An id may give way, its mark ("you", "this app") never: whole, and inside its cell's padding.
  for (const mark of grid.querySelectorAll<HTMLElement>('.lib-grid-rows .person-mark')) {
    const cell = mark.closest<HTMLElement>('.lib-cell');
    if (!cell || mark.getClientRects().length === 0) continue;
    const box = mark.getBoundingClientRect();
    const inner = cell.getBoundingClientRect().right - parseFloat(getComputedStyle(cell).paddingRight);
    if (mark.scrollWidth > mark.clientWidth + 1 || box.right > inner + 1 || box.width < 1) cuts.push(`mark ${cell.className}: ${mark.textContent ?? ''}`);
  }
  return [...new Set(cuts)];
}
