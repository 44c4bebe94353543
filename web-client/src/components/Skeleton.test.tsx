// Loading skeletons: each view that loads (a board, a column, the task dialog, its comments; the boards
// list is in BoardsPage.test.tsx) shows placeholders of its own shape, marked busy, with one hidden
// "Loading …" status for screen readers, and no spinner.
/// <reference types="node" />
import { readFileSync } from 'node:fs';
import { render, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { TaskCommentsQuery } from '../apollo/taskComments';
import { BoardPageQuery } from '../board/BoardPage';
import { TaskDialogQuery } from '../task/TaskDialog';
import { mockData, mockPending, renderApp } from '../test/apollo';
import { BOARD_PAGE_VARS, boardPage, task, taskComments, taskDialog } from '../test/fixtures';
import { ColumnSkeleton } from './Skeleton';

/** The one status in `scope`: its text, and the busy skeleton around it. */
function skeletonOf(scope: HTMLElement = document.body) {
  const status = within(scope).getByRole('status');
  const skeleton = status.closest<HTMLElement>('[aria-busy="true"]');
  if (!skeleton) throw new Error('the status is not inside an aria-busy element');
  return { label: status.textContent, hiddenLabel: status.classList.contains('visually-hidden'), skeleton };
}

const board = mockData(BoardPageQuery, BOARD_PAGE_VARS, boardPage({ columns: { todo: [task('5', 'Write brief')] } }));

describe('loading skeletons', () => {
  it('a board: its title, and columns of card placeholders', () => {
    renderApp('/boards/1', [mockPending(BoardPageQuery, BOARD_PAGE_VARS)]);
    const { label, hiddenLabel, skeleton } = skeletonOf();
    expect([label, hiddenLabel]).toEqual(['Loading board…', true]);
    expect(skeleton.classList.contains('skeleton-board')).toBe(true);
    const columns = skeleton.querySelectorAll('.skeleton-column');
    expect(columns.length).toBe(3);
    for (const column of columns) expect(column.querySelectorAll('.skeleton-card').length).toBeGreaterThan(0);
    expect(skeleton.querySelector('.skeleton-shapes')?.getAttribute('aria-hidden')).toBe('true');
    expect(document.querySelector('.spinner')).toBeNull();
  });

  it('a column’s own page: card placeholders', () => {
    render(<ColumnSkeleton label="Loading To do…" />);
    const { label, hiddenLabel, skeleton } = skeletonOf();
    expect([label, hiddenLabel]).toEqual(['Loading To do…', true]);
    expect(skeleton.querySelectorAll('.skeleton-card').length).toBe(2);
  });

  it('the task dialog: placeholders of its fields', async () => {
    renderApp('/boards/1/tasks/5', [board, mockPending(TaskDialogQuery, { taskId: '5', boardId: '1' })]);
    const dialog = await screen.findByRole('dialog', { name: 'Edit task' });
    const { label, hiddenLabel, skeleton } = skeletonOf(dialog);
    expect([label, hiddenLabel]).toEqual(['Loading task…', true]);
    expect(skeleton.classList.contains('skeleton-dialog')).toBe(true);
    expect(skeleton.querySelectorAll('.skeleton-form-field').length).toBeGreaterThanOrEqual(4);
    expect(document.querySelector('.spinner')).toBeNull();
  });

  it('comments: lines of text under an author', async () => {
    renderApp('/boards/1/tasks/5', [
      board,
      mockData(TaskDialogQuery, { taskId: '5', boardId: '1' }, taskDialog('5', 'Write brief')),
      mockPending(TaskCommentsQuery, { taskId: '5' }),
    ]);
    const dialog = await screen.findByRole('dialog', { name: 'Edit task' });
    await within(dialog).findByRole('textbox', { name: 'Title' });
    const { label, hiddenLabel, skeleton } = skeletonOf(dialog);
    expect([label, hiddenLabel]).toEqual(['Loading comments…', true]);
    const comments = skeleton.querySelectorAll('.skeleton-comment');
    expect(comments.length).toBe(2);
    for (const comment of comments) expect(comment.querySelector('.skeleton-avatar')).toBeTruthy();
  });

  it('and then the view itself: the skeleton goes', async () => {
    renderApp('/boards/1/tasks/5', [
      board,
      mockData(TaskDialogQuery, { taskId: '5', boardId: '1' }, taskDialog('5', 'Write brief')),
      mockData(TaskCommentsQuery, { taskId: '5' }, taskComments('5')),
    ]);
    const dialog = await screen.findByRole('dialog', { name: 'Edit task' });
    await within(dialog).findByText('No comments yet');
    expect(document.querySelector('[aria-busy="true"]')).toBeNull();
  });

  it('shimmer only for those who have not asked for reduced motion', () => {
    // (read from disk: the test runner leaves plain CSS imports empty)
    const styles = readFileSync(`${import.meta.dirname}/../styles.css`, 'utf8');
    expect(styles).toMatch(/\.skeleton-shapes \.skeleton-bone \{[^}]*animation: skeleton-shine/);
    expect(styles).toMatch(
      /@media \(prefers-reduced-motion: reduce\) \{\s*\.skeleton-shapes \.skeleton-bone \{\s*animation: none;/,
    );
  });
});
