import { useEffect, useRef, useState } from 'react';

/**
 * Loads, then reloads every `intervalMs` while mounted, keeping the last value during a
 * reload (no flicker), so a card can show a fleet converging after a change. The backend
 * caches and shares answers, so polling viewers do not multiply AWS calls.
 */
export function usePolled<T>(load: () => Promise<T>, intervalMs: number, deps: unknown[]) {
  const [state, setState] = useState<{ value?: T; error?: Error; loading: boolean }>({ loading: true });
  const [tick, setTick] = useState(0);
  const loadRef = useRef(load);
  loadRef.current = load;

  useEffect(() => {
    let cancelled = false;
    loadRef
      .current()
      .then(value => !cancelled && setState({ value, loading: false }))
      .catch(error => !cancelled && setState(s => ({ value: s.value, error, loading: false })));
    const timer = setTimeout(() => setTick(t => t + 1), intervalMs);
    return () => {
      cancelled = true;
      clearTimeout(timer);
    };
  }, [tick, intervalMs, ...deps]); // eslint-disable-line react-hooks/exhaustive-deps

  return { ...state, reload: () => setTick(t => t + 1) };
}
