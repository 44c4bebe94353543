// The header's theme choice: applied at once to the whole page, kept in this browser, and "System"
// hands the choice back to the operating system's setting.
import { screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { renderApp } from '../test/apollo';
import { applyStoredTheme } from './theme';

afterEach(() => {
  localStorage.clear();
  delete document.documentElement.dataset.theme;
});

describe('the colour theme', () => {
  it('follows the system by default; Dark and Light apply at once and are kept; System forgets them', async () => {
    const { user } = renderApp('/signin', [], { viewer: null });
    const picker = screen.getByRole('combobox', { name: 'Colour theme' });
    expect((picker as HTMLSelectElement).value).toBe('system');
    expect(document.documentElement.dataset.theme).toBeUndefined();

    await user.selectOptions(picker, 'Dark');
    expect(document.documentElement.dataset.theme).toBe('dark');
    expect(localStorage.getItem('taskboard-theme')).toBe('dark');

    // a new page load applies it before anything renders
    delete document.documentElement.dataset.theme;
    applyStoredTheme();
    expect(document.documentElement.dataset.theme).toBe('dark');

    await user.selectOptions(picker, 'Light');
    expect(document.documentElement.dataset.theme).toBe('light');
    await user.selectOptions(picker, 'System theme');
    expect(document.documentElement.dataset.theme).toBeUndefined();
    expect(localStorage.getItem('taskboard-theme')).toBeNull();
  });
});
