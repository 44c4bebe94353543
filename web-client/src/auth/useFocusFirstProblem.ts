// After a submit (not while the user types), the first field with a problem takes the focus, so that
// a screen reader reads it with its label and its message. Shared by the sign-in and sign-up forms.
import { useEffect, useEffectEvent, useRef, useState } from 'react';

export function useFocusFirstProblem<F extends string>(fields: readonly F[], problems: Partial<Record<F, string>>) {
  const inputs = useRef<Partial<Record<F, HTMLInputElement | null>>>({});
  const [turn, setTurn] = useState(0);
  const focus = useEffectEvent(() => {
    const first = fields.find((name) => problems[name]);
    if (first) inputs.current[first]?.focus();
  });
  useEffect(() => {
    if (turn) focus();
  }, [turn]);
  return {
    /** the `ref` of the field's input */
    inputRef: (name: F) => (element: HTMLInputElement | null) => {
      inputs.current[name] = element;
    },
    /** focuses the first field with a problem once the problems have rendered */
    focusFirstProblem: () => setTurn((n) => n + 1),
  };
}
