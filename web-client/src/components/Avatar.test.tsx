// Avatars: initials, the same colour for the same person everywhere, the name as accessible name, and
// a palette that meets WCAG AA in both themes.
/// <reference types="node" />
import { readFileSync } from 'node:fs';
import { render, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { TaskCommentsQuery } from '../apollo/taskComments';
import { BoardPageQuery } from '../board/BoardPage';
import { TaskDialogQuery } from '../task/TaskDialog';
import { mockData, renderApp } from '../test/apollo';
import { BOARD_PAGE_VARS, BOB, boardPage, task, taskComments, taskDialog } from '../test/fixtures';
import { Avatar, AVATAR_COLORS, avatarColor, AvatarStack, initials } from './Avatar';

describe('initials', () => {
  it('takes the first letters of the first and last words', () => {
    expect(initials('Alice Owner')).toBe('AO');
    expect(initials('Jean-Luc de la Fontaine')).toBe('JF');
    expect(initials('  grace   hopper ')).toBe('GH');
  });

  it('is one letter for a one-word name, and a placeholder for no name', () => {
    expect(initials('Madonna')).toBe('M');
    expect(initials('')).toBe('?');
    expect(initials('   ')).toBe('?');
  });

  it('skips words that do not start with a letter, unless there are only such words', () => {
    // the e2e users' names end in a random suffix
    expect(initials('Ada Lovelace 9f3a21bc')).toBe('AL');
    expect(initials('42')).toBe('4');
  });

  it('handles letters beyond ASCII, whole', () => {
    expect(initials('émile zola')).toBe('ÉZ');
    expect(initials('𝒜da 𝒵')).toBe('𝒜𝒵');
  });
});

describe('avatar colour', () => {
  it('is the same for the same id, every time', () => {
    for (const id of ['1', '42', 'u2', 'ckz0x9']) expect(avatarColor(id)).toBe(avatarColor(id));
  });

  it('is an index of the palette, and neighbouring ids get different colours', () => {
    const colours = Array.from({ length: AVATAR_COLORS }, (_, i) => avatarColor(String(i + 1)));
    for (const c of colours) expect(c).toBeGreaterThanOrEqual(0);
    for (const c of colours) expect(c).toBeLessThan(AVATAR_COLORS);
    expect(new Set(colours).size).toBe(AVATAR_COLORS);
  });

  it('renders the same class for the same user wherever the avatar is', () => {
    render(
      <>
        <Avatar user={{ id: '7', name: 'Bob Member' }} />
        <Avatar user={{ id: '7', name: 'Bob Member' }} size="small" decorative />
      </>,
    );
    const [a, b] = [...document.querySelectorAll('.avatar')];
    const colourOf = (el: Element | undefined) => [...(el?.classList ?? [])].find((c) => c.startsWith('avatar-color-'));
    expect(colourOf(a)).toBe(`avatar-color-${avatarColor('7')}`);
    expect(colourOf(b)).toBe(colourOf(a));
  });
});

describe('Avatar', () => {
  it('is an image named by the full name, with the name as tooltip and the initials as picture', () => {
    render(<Avatar user={{ id: '1', name: 'Alice Owner' }} />);
    const avatar = screen.getByRole('img', { name: 'Alice Owner' });
    expect(avatar.textContent).toBe('AO');
    expect(avatar.getAttribute('title')).toBe('Alice Owner');
  });

  it('says more when told to (a card’s assignee)', () => {
    render(<Avatar user={{ id: '2', name: 'Bob Member' }} label="Assigned to Bob Member" />);
    expect(screen.getByRole('img', { name: 'Assigned to Bob Member' }).getAttribute('title')).toBe(
      'Assigned to Bob Member',
    );
  });

  it('is hidden from assistive technology when the name is written next to it', () => {
    render(
      <p>
        <Avatar user={{ id: '1', name: 'Alice Owner' }} decorative /> Alice Owner
      </p>,
    );
    expect(screen.queryByRole('img')).toBeNull();
    expect(document.querySelector('.avatar')?.getAttribute('aria-hidden')).toBe('true');
  });
});

describe('AvatarStack', () => {
  const people = ['Alice Owner', 'Bob Member', 'Carol New', 'Dan Wu', 'Eve Adams', 'Frank Li'].map((name, i) => ({
    id: String(i + 1),
    name,
  }));

  it('shows everyone up to its maximum', () => {
    render(<AvatarStack users={people.slice(0, 4)} label="4 members" />);
    const group = within(screen.getByRole('group', { name: '4 members' }));
    expect(group.getAllByRole('img').map((img) => img.getAttribute('aria-label'))).toEqual([
      'Alice Owner',
      'Bob Member',
      'Carol New',
      'Dan Wu',
    ]);
  });

  it('past its maximum, shows the first ones and "+N" named by the others', () => {
    render(<AvatarStack users={people} label="6 members" max={4} />);
    const group = within(screen.getByRole('group', { name: '6 members' }));
    const images = group.getAllByRole('img');
    expect(images.map((img) => img.textContent)).toEqual(['AO', 'BM', 'CN', '+3']);
    expect(images.at(-1)?.getAttribute('aria-label')).toBe('and 3 more: Dan Wu, Eve Adams, Frank Li');
  });
});

/** WCAG 2 relative luminance and contrast ratio of two #rrggbb colours. */
function contrast(a: string, b: string): number {
  const luminance = (hex: string) => {
    const [r, g, b] = [1, 3, 5].map((i) => {
      const c = parseInt(hex.slice(i, i + 2), 16) / 255;
      return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
    }) as [number, number, number];
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  };
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

describe('the avatar palette in styles.css', () => {
  // (read from disk: the test runner leaves plain CSS imports empty)
  const styles = readFileSync(`${import.meta.dirname}/../styles.css`, 'utf8');
  const pair = (name: string) => {
    const match = new RegExp(`--${name}:\\s*light-dark\\((#[0-9a-f]{6}),\\s*(#[0-9a-f]{6})\\)`, 'i').exec(styles);
    if (!match) throw new Error(`--${name} is not a light-dark() pair of #rrggbb colours`);
    return { light: match[1]!, dark: match[2]! };
  };

  it(`has ${AVATAR_COLORS} colours, each with a class`, () => {
    for (let i = 0; i < AVATAR_COLORS; i++) {
      expect(pair(`avatar-${i}`)).toBeTruthy();
      expect(styles).toContain(`.avatar-color-${i} {`);
    }
    expect(styles).not.toMatch(new RegExp(`--avatar-${AVATAR_COLORS}:`));
  });

  it('meets WCAG AA (4.5:1) with its text in the light and the dark theme', () => {
    const text = pair('avatar-text');
    for (let i = 0; i < AVATAR_COLORS; i++) {
      const background = pair(`avatar-${i}`);
      expect(contrast(text.light, background.light), `--avatar-${i} light`).toBeGreaterThanOrEqual(4.5);
      expect(contrast(text.dark, background.dark), `--avatar-${i} dark`).toBeGreaterThanOrEqual(4.5);
    }
  });
});

describe('where avatars appear', () => {
  const bob = { __typename: 'User' as const, id: BOB.id, name: BOB.name };
  const board = mockData(
    BoardPageQuery,
    BOARD_PAGE_VARS,
    boardPage({ columns: { todo: [task('5', 'Write brief', { assignee: bob })] } }),
  );
  // with the name written next to it, an avatar is decoration: the name is read once
  const decorative = (scope: Element) =>
    [...scope.querySelectorAll('.avatar[aria-hidden="true"]')].map((a) => a.textContent);

  it('the header’s signed-in user, the members, and a card’s assignee', async () => {
    renderApp('/boards/1', [board]);
    await screen.findByRole('heading', { level: 1, name: 'Launch plan' });
    expect(decorative(document.querySelector('.app-header')!)).toEqual(['AO']);
    expect(decorative(screen.getByRole('region', { name: 'Members' }))).toEqual(['AO', 'BM']);
    // on a card, the avatar stands alone: it carries the name
    const card = within(
      screen.getByRole('region', { name: 'To do' }).querySelector<HTMLElement>('[data-task-id="5"]')!,
    );
    expect(card.getByRole('img', { name: 'Assigned to Bob Member' }).textContent).toBe('BM');
    expect(card.queryByText('Bob Member')).toBeNull();
  });

  it('a comment’s author', async () => {
    renderApp('/boards/1/tasks/5', [
      board,
      mockData(TaskDialogQuery, { taskId: '5', boardId: '1' }, taskDialog('5', 'Write brief')),
      mockData(TaskCommentsQuery, { taskId: '5' }, taskComments('5', [{ id: 'c1', body: 'Looks good', author: bob }])),
    ]);
    const dialog = within(await screen.findByRole('dialog', { name: 'Edit task' }));
    const item = (await dialog.findByText('Looks good')).closest('li')!;
    expect(decorative(item)).toEqual(['BM']);
    expect(within(item).getByText('Bob Member')).toBeTruthy();
  });
});
