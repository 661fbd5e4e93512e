import { useCallback, useEffect, useRef, useState } from 'react';
import { useLive } from './live';

export interface ApiState<T> {
  data: T | undefined;
  error: Error | undefined;
  loading: boolean;
  reload(): void;
}

/**
 * Loads `load()` whenever `key` changes, and again on every live tick (keeping the old data while it
 * reloads, so the page does not flicker). `key` null: nothing to load.
 */
export const useApi = <T>(
  key: string | null,
  load: (signal: AbortSignal) => Promise<T>,
  opts: { live?: boolean } = {},
): ApiState<T> => {
  const live = useLive();
  const tick = opts.live === false ? 0 : live.tick;
  const [state, setState] = useState<{ key: string | null; data?: T; error?: Error; loading: boolean }>({
    key: null,
    loading: key !== null,
  });
  const [nonce, setNonce] = useState(0);
  const loader = useRef(load);
  loader.current = load;

  // A live tick while the same key is still loading is skipped: a slow server is not sent a queue of
  // requests it would work through long after anyone wanted the answers.
  const inflight = useRef<{ key: string; abort: AbortController } | null>(null);
  useEffect(() => {
    if (key === null) return;
    if (inflight.current?.key === key) return;
    inflight.current?.abort.abort();
    const abort = new AbortController();
    const mine = { key, abort };
    inflight.current = mine;
    setState((s) => (s.key === key ? { ...s, loading: true } : { key, loading: true }));
    loader
      .current(abort.signal)
      .then((data) => {
        if (!abort.signal.aborted) setState({ key, data, loading: false });
      })
      .catch((err: unknown) => {
        if (abort.signal.aborted) return;
        const error = err instanceof Error ? err : new Error(String(err));
        setState((s) => ({ key, data: s.key === key ? s.data : undefined, error, loading: false }));
      })
      .finally(() => {
        if (inflight.current === mine) inflight.current = null;
      });
  }, [key, tick, nonce]);
  useEffect(
    () => () => {
      inflight.current?.abort.abort();
      inflight.current = null;
    },
    [],
  );

  const reload = useCallback(() => setNonce((n) => n + 1), []);
  const current = state.key === key;
  return {
    data: current ? state.data : undefined,
    error: current ? state.error : undefined,
    loading: !current || state.loading,
    reload,
  };
};
