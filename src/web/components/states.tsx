import type { ReactNode } from 'react';
import type { ApiError } from '../api';
import type { Loaded } from '../hooks';

export function Loading({ what }: { what: string }) {
  return (
    <p className="muted" role="status" aria-live="polite">
      Loading {what}…
    </p>
  );
}

export function ErrorNote({ error, what }: { error: ApiError; what: string }) {
  return (
    <div className="error" role="alert">
      <strong>Could not load {what}.</strong> {error.message}
      {error.status === 401 ? ' Open the address the server printed (it carries the access token).' : ''}
    </div>
  );
}

/** Says plainly that there is nothing, and why, instead of an empty table. */
export function Empty({ children }: { children: ReactNode }) {
  return <div className="empty">{children}</div>;
}

/** Renders the loading / error states of a request, and `children(data)` once it has arrived. */
export function Async<T>({
  loaded,
  what,
  children,
}: {
  loaded: Loaded<T>;
  what: string;
  children: (data: T) => ReactNode;
}) {
  if (loaded.state === 'loading') return <Loading what={what} />;
  if (loaded.state === 'error') return <ErrorNote error={loaded.error} what={what} />;
  return <>{children(loaded.data)}</>;
}
