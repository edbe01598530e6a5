import { useCallback, useState } from 'react';

/** Form state kept in sessionStorage until a save succeeds, so nothing typed is lost. */
export function useDraft<T>(key: string, initial: T): [T, (v: T) => void, () => void] {
  const [value, setValue] = useState<T>(() => {
    const raw = window.sessionStorage.getItem(`draft.${key}`);
    if (raw) {
      try {
        return JSON.parse(raw) as T;
      } catch {
        return initial;
      }
    }
    return initial;
  });
  const set = useCallback(
    (v: T) => {
      setValue(v);
      window.sessionStorage.setItem(`draft.${key}`, JSON.stringify(v));
    },
    [key],
  );
  const clear = useCallback(() => window.sessionStorage.removeItem(`draft.${key}`), [key]);
  return [value, set, clear];
}
