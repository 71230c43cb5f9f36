import { useCallback, useRef, useState } from 'react';
import { getJson } from './api';

/**
 * Rows of a server-side paged list, fetched page by page as the table scrolls to them. The first
 * page comes with the answer's totals; the others are fetched once, when first in view.
 */
export function usePagedRows<Row>(
  /** The path without offset / limit; a new path starts over. */
  basePath: string,
  firstPage: { rows: readonly Row[]; offset: number } | undefined,
  pageSize: number,
  pick: (body: unknown) => readonly Row[],
) {
  const pages = useRef(new Map<number, readonly Row[]>());
  const pending = useRef(new Set<number>());
  const [, setVersion] = useState(0);
  const [error, setError] = useState<{ path: string; message: string } | null>(null);
  const current = useRef<{ path: string; first: unknown } | null>(null);
  // Start over synchronously, during render, when the query or its first page changes: the table's
  // effects (which ask for the rows in view) run before this component's, and must already see the
  // first page, or they would fetch it a second time.
  if (current.current?.path !== basePath || current.current.first !== firstPage) {
    current.current = { path: basePath, first: firstPage };
    pages.current = new Map();
    pending.current = new Set();
    if (firstPage) pages.current.set(Math.floor(firstPage.offset / pageSize), firstPage.rows);
  }

  const rowAt = useCallback(
    (index: number): Row | undefined => pages.current.get(Math.floor(index / pageSize))?.[index % pageSize],
    [pageSize],
  );

  const onRange = useCallback(
    (first: number, last: number) => {
      for (let page = Math.floor(first / pageSize); page <= Math.floor(last / pageSize); page++) {
        if (pages.current.has(page) || pending.current.has(page)) continue;
        pending.current.add(page);
        const path = basePath;
        const separator = path.includes('?') ? '&' : '?';
        getJson<unknown>(`${path}${separator}offset=${page * pageSize}&limit=${pageSize}`).then(
          (body) => {
            if (current.current?.path !== path) return;
            pages.current.set(page, pick(body));
            pending.current.delete(page);
            setVersion((v) => v + 1);
          },
          (e: unknown) => {
            if (current.current?.path !== path) return;
            pending.current.delete(page);
            setError({ path, message: e instanceof Error ? e.message : String(e) });
          },
        );
      }
    },
    [basePath, pageSize, pick],
  );

  return { rowAt, onRange, error: error?.path === basePath ? error.message : null };
}
