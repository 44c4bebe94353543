// The board from the keyboard: one Tab stop per column (its last focused card), the arrow keys between
// cards and columns, a card's move buttons as a toolbar that Tab reaches only from that card, and the
// arrow keys left to dnd-kit while a card is picked up.
import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { mockData, renderApp } from '../test/apollo';
import { BOARD_PAGE_VARS, boardPage, task } from '../test/fixtures';
import { BoardPageQuery } from './BoardPage';

const region = (name: string) => screen.getByRole('region', { name });
const title = (name: string) => screen.getByRole('link', { name });
const button = (name: string) => screen.getByRole('button', { name });
const focused = () => document.activeElement;

/** To do: Alpha, Bravo, Charlie; In progress: Delta; Done: nothing. The viewer owns the board. */
async function renderBoard() {
  const rendered = renderApp('/boards/1', [
    mockData(
      BoardPageQuery,
      BOARD_PAGE_VARS,
      boardPage({
        columns: {
          todo: [task('1', 'Alpha'), task('2', 'Bravo'), task('3', 'Charlie')],
          doing: [task('4', 'Delta')],
        },
      }),
    ),
  ]);
  await screen.findByRole('heading', { level: 1, name: 'Launch plan' });
  return rendered;
}

describe('the board from the keyboard', () => {
  it('has one Tab stop per column, its first card, and none in the move buttons until a card has focus', async () => {
    await renderBoard();
    expect(title('Alpha').tabIndex).toBe(0);
    expect(title('Bravo').tabIndex).toBe(-1);
    expect(title('Charlie').tabIndex).toBe(-1);
    expect(title('Delta').tabIndex).toBe(0);
    const moves = within(region('To do')).getAllByRole('button', { name: /^Move "/ });
    expect(moves).toHaveLength(12);
    for (const move of moves) expect(move.tabIndex).toBe(-1);
    // the buttons are there for everyone (and pointer users), only out of the Tab order
    expect(screen.getByRole('toolbar', { name: 'Move "Bravo"' })).toBeTruthy();
  });

  it('moves focus with the arrow keys: up and down a column, left and right across columns (skipping empty ones)', async () => {
    const { user } = await renderBoard();
    title('Alpha').focus();
    await user.keyboard('{ArrowDown}');
    expect(focused()).toBe(title('Bravo'));
    await user.keyboard('{ArrowDown}{ArrowDown}');
    // no further than the last card
    expect(focused()).toBe(title('Charlie'));
    await user.keyboard('{ArrowUp}');
    expect(focused()).toBe(title('Bravo'));
    // to the card at the same place in the next column, or its last one
    await user.keyboard('{ArrowRight}');
    expect(focused()).toBe(title('Delta'));
    // Done has no cards: nowhere to go
    await user.keyboard('{ArrowRight}');
    expect(focused()).toBe(title('Delta'));
    await user.keyboard('{ArrowLeft}');
    expect(focused()).toBe(title('Alpha'));
    await user.keyboard('{End}');
    expect(focused()).toBe(title('Charlie'));
    await user.keyboard('{Home}');
    expect(focused()).toBe(title('Alpha'));
  });

  it('makes the card last focused its column’s Tab stop', async () => {
    const { user } = await renderBoard();
    title('Alpha').focus();
    await user.keyboard('{ArrowDown}{ArrowDown}');
    expect(title('Charlie').tabIndex).toBe(0);
    expect(title('Alpha').tabIndex).toBe(-1);
    expect(title('Bravo').tabIndex).toBe(-1);
    // Shift+Tab out of the column and Tab back: to Charlie, not to the first card
    await user.tab({ shift: true });
    expect(focused()).toBe(within(region('To do')).getByRole('button', { name: 'Add task' }));
    await user.tab();
    expect(focused()).toBe(title('Charlie'));
  });

  it('takes Tab from a card to its move buttons (one stop, arrow keys inside), then to the next column', async () => {
    const { user } = await renderBoard();
    title('Alpha').focus();
    // Alpha is first in the first column: "up" and "left" are disabled, the first it can do is "down"
    await user.tab();
    expect(focused()).toBe(button('Move "Alpha" down'));
    expect(button('Move "Alpha" down').tabIndex).toBe(0);
    await user.keyboard('{ArrowRight}');
    expect(focused()).toBe(button('Move "Alpha" right'));
    await user.keyboard('{ArrowRight}');
    expect(focused()).toBe(button('Move "Alpha" down'));
    await user.keyboard('{ArrowLeft}');
    expect(focused()).toBe(button('Move "Alpha" right'));
    // the toolbar is one stop: the next Tab leaves the card, and the column
    const doing = within(region('In progress'));
    await user.tab();
    expect(focused()).toBe(doing.getByRole('button', { name: 'Drag column "In progress"' }));
    await user.tab();
    expect(focused()).toBe(doing.getByRole('button', { name: 'Column actions for "In progress"' }));
    await user.tab();
    expect(focused()).toBe(doing.getByRole('textbox', { name: 'New task title' }));
    await user.tab();
    expect(focused()).toBe(doing.getByRole('button', { name: 'Add task' }));
    await user.tab();
    expect(focused()).toBe(title('Delta'));
    // a card that no longer has focus has no stop in its buttons
    expect(button('Move "Alpha" right').tabIndex).toBe(-1);
    for (let i = 0; i < 5; i++) await user.tab({ shift: true });
    // back in To do: its card, not its buttons
    expect(focused()).toBe(title('Alpha'));
  });

  it('shows a card’s buttons when it is clicked (touch screens have no hover), with focus on its title', async () => {
    const { user } = await renderBoard();
    const card = title('Bravo').closest('li')!;
    await user.click(card.querySelector('.task-card-meta') ?? card);
    expect(focused()).toBe(title('Bravo'));
    expect(title('Bravo').tabIndex).toBe(0);
    // its toolbar is the next stop (styles.css shows it for a card with focus within)
    expect(button('Move "Bravo" up').tabIndex).toBe(0);
  });

  it('leaves the arrow keys to the drag while a card is picked up with Space, and Escape puts it back', async () => {
    const { user } = await renderBoard();
    const card = title('Alpha').closest('li')!;
    title('Alpha').focus();
    await user.keyboard(' ');
    await waitFor(() => expect(card.classList.contains('is-dragging')).toBe(true));
    // moving it, not the focus (dnd-kit listens for the keys a moment after the pick-up)
    await new Promise((resolve) => setTimeout(resolve, 50));
    await user.keyboard('{ArrowDown}');
    expect(focused()).toBe(title('Alpha'));
    await user.keyboard('{ArrowRight}');
    expect(focused()).toBe(title('Alpha'));
    await user.keyboard('{Escape}');
    await waitFor(() => expect(screen.getByText('Moving "Alpha" was cancelled.')).toBeTruthy());
    expect(card.classList.contains('is-dragging')).toBe(false);
    // and the arrow keys move focus again
    await user.keyboard('{ArrowDown}');
    expect(focused()).toBe(title('Bravo'));
  });
});
