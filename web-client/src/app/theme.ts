// The colour theme: the system's (prefers-color-scheme), or light or dark as the user picks it in
// the header. The choice is kept in this browser (localStorage) and applied as data-theme on <html>,
// which the stylesheet's color-scheme follows (styles.css: every colour is light-dark(...)).
import { useCallback, useState } from 'react';

export type Theme = 'system' | 'light' | 'dark';

const KEY = 'taskboard-theme';

function stored(): Theme {
  try {
    const value = localStorage.getItem(KEY);
    return value === 'light' || value === 'dark' ? value : 'system';
  } catch {
    // storage refused (private mode, blocked): the system's theme
    return 'system';
  }
}

function apply(theme: Theme) {
  if (theme === 'system') delete document.documentElement.dataset.theme;
  else document.documentElement.dataset.theme = theme;
}

/** Applies the stored choice: called once before the app first renders, so that no other theme flashes. */
export function applyStoredTheme() {
  apply(stored());
}

export function useTheme() {
  const [theme, setTheme] = useState<Theme>(stored);
  const choose = useCallback((next: Theme) => {
    setTheme(next);
    apply(next);
    try {
      if (next === 'system') localStorage.removeItem(KEY);
      else localStorage.setItem(KEY, next);
    } catch {
      // not kept: it still applies to this page
    }
  }, []);
  return { theme, choose };
}
