import { render, screen, waitFor } from '@testing-library/react';
import { expect, it, vi } from 'vitest';
import { Markdown } from './Markdown';

// the renderer's chunk cannot be loaded: offline, or replaced by a deploy since the page was loaded
vi.mock('./MarkdownRenderer', () => {
  throw new Error('Failed to fetch dynamically imported module');
});

it('keeps showing the text as written when the renderer cannot be loaded', async () => {
  // React reports the error it caught; the test waits for that report
  const report = vi.spyOn(console, 'error').mockImplementation(() => {});
  const { container } = render(<Markdown text={'- one\n- two'} headingLevel={3} />);
  await waitFor(() => expect(report).toHaveBeenCalled());
  expect(container.innerHTML).toBe('<div class="markdown is-plain">- one\n- two</div>');
  expect(screen.queryByRole('list')).toBeNull();
});
