// The header's theme choice: the system's (the default), light or dark (app/theme.ts).
import { useId } from 'react';
import { useTheme, type Theme } from './theme';

const CHOICES: { value: Theme; label: string }[] = [
  { value: 'system', label: 'System theme' },
  { value: 'light', label: 'Light' },
  { value: 'dark', label: 'Dark' },
];

export function ThemePicker() {
  const id = useId();
  const { theme, choose } = useTheme();
  return (
    <div className="theme-picker">
      <label htmlFor={id} className="visually-hidden">
        Colour theme
      </label>
      <select id={id} value={theme} onChange={(event) => choose(event.target.value as Theme)}>
        {CHOICES.map((choice) => (
          <option key={choice.value} value={choice.value}>
            {choice.label}
          </option>
        ))}
      </select>
    </div>
  );
}
