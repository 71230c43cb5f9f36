import { useCallback, useEffect, useState } from 'react';
import { ApiError, getJson } from './api';

export type Loaded<T> =
  | { state: 'loading'; data?: undefined; error?: undefined }
  | { state: 'error'; data?: undefined; error: ApiError }
  | { state: 'ready'; data: T; error?: undefined };

/**
 * GETs `path` (null: nothing to fetch yet) and re-fetches when it changes; a newer request aborts the
 * older one so a fast typist never sees an old answer replace a new one.
 */
export function useApi<T>(path: string | null): Loaded<T> & { reload: () => void } {
  const [result, setResult] = useState<Loaded<T>>({ state: 'loading' });
  const [tick, setTick] = useState(0);
  const reload = useCallback(() => setTick((t) => t + 1), []);
  useEffect(() => {
    if (path === null) return;
    const abort = new AbortController();
    setResult((r) => (r.state === 'ready' ? r : { state: 'loading' }));
    getJson<T>(path, abort.signal).then(
      (data) => setResult({ state: 'ready', data }),
      (error: unknown) => {
        if (abort.signal.aborted) return;
        setResult({ state: 'error', error: ApiError.from(error) });
      },
    );
    return () => abort.abort();
  }, [path, tick]);
  return { ...result, reload };
}
