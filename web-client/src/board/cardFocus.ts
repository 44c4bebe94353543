// The arrow keys between a board's cards, when focus is on a card's title: up and down its column,
// left and right to the nearest column that has cards (to the card at the same place, or its last),
// Home and End to its column's first and last card. Read from the page as the user sees it: each
// column renders its own tasks.

/** a card's title link (a card still being saved has none: it is skipped) */
const CARD_TITLE = '[data-task-id] a.task-card-title';
const COLUMN = '[data-column-id]';

/** Where focus goes from the card title `from` on `key`, within `board`; undefined: nowhere (the key does nothing). */
export function cardToFocus(board: HTMLElement, from: Element, key: string): HTMLElement | undefined {
  const column = from.closest(COLUMN);
  if (!column || !from.matches(CARD_TITLE)) return undefined;
  const titlesIn = (element: Element) => [...element.querySelectorAll<HTMLElement>(CARD_TITLE)];
  const here = titlesIn(column);
  const at = here.indexOf(from as HTMLElement);
  if (at < 0) return undefined;
  switch (key) {
    case 'ArrowUp':
      return here[at - 1];
    case 'ArrowDown':
      return here[at + 1];
    case 'Home':
      return here[0];
    case 'End':
      return here[here.length - 1];
    case 'ArrowLeft':
    case 'ArrowRight': {
      const columns = [...board.querySelectorAll(COLUMN)];
      const step = key === 'ArrowLeft' ? -1 : 1;
      for (let i = columns.indexOf(column) + step; i >= 0 && i < columns.length; i += step) {
        const titles = titlesIn(columns[i]!);
        if (titles.length > 0) return titles[Math.min(at, titles.length - 1)];
      }
      return undefined;
    }
    default:
      return undefined;
  }
}
