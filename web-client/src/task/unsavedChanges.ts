// Which parts of the task dialog hold something the user typed and has not saved or sent (the
// form's fields, a comment being written or edited): the dialog asks before it lets them go.
import { createContext, use, useCallback, useId, useLayoutEffect, useState } from 'react';

type Report = (key: string, unsaved: boolean) => void;

export const UnsavedChangesContext = createContext<Report>(() => {});

/**
 * Tells the dialog around this component whether it holds unsaved work now. Before the browser does
 * anything else (layout effects): a key pressed or Back right after typing is already asked about.
 */
export function useUnsavedChanges(unsaved: boolean): void {
  const report = use(UnsavedChangesContext);
  const key = useId();
  // A layout effect, not a passive one: the dialog re-renders with the news before the browser handles
  // another event. Passed on later, an Escape or a click on Close right after a keystroke found the
  // dialog still thinking nothing was unsaved, and closed it with the edit.
  useLayoutEffect(() => report(key, unsaved), [report, key, unsaved]);
  // gone from the dialog: nothing of it is left to lose
  useLayoutEffect(() => () => report(key, false), [report, key]);
}

/** For the dialog: whether any part reports unsaved work, and the function its parts report to. */
export function useUnsavedChangesRegistry(): { unsaved: boolean; report: Report } {
  const [parts, setParts] = useState<ReadonlySet<string>>(new Set());
  const report = useCallback<Report>(
    (key, unsaved) =>
      setParts((current) => {
        if (current.has(key) === unsaved) return current;
        const next = new Set(current);
        if (unsaved) next.add(key);
        else next.delete(key);
        return next;
      }),
    [],
  );
  return { unsaved: parts.size > 0, report };
}
