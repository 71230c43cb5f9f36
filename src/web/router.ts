/**
 * Hash routing: `#/findings?severity=high`. The hash never reaches the server, so every page is the
 * one index.html, and the address bar stays shareable (filters live in the query part).
 */
import { useEffect, useState } from 'react';

export const PAGES = [
  { id: 'overview', title: 'Overview' },
  { id: 'findings', title: 'Findings' },
  { id: 'compliance', title: 'Compliance' },
  { id: 'network', title: 'Network' },
  { id: 'iam', title: 'IAM' },
  { id: 'logs', title: 'Logs' },
  { id: 'cost', title: 'Cost' },
] as const;
export type PageId = (typeof PAGES)[number]['id'];

export interface Route {
  page: PageId;
  params: URLSearchParams;
}

export function parseHash(hash: string): Route {
  const body = hash.replace(/^#\/?/, '');
  const [path = '', query = ''] = body.split('?', 2);
  const page = PAGES.find((p) => p.id === path)?.id ?? 'overview';
  return { page, params: new URLSearchParams(query) };
}

export function hrefOf(page: PageId, params?: Record<string, string | undefined>): string {
  const query = new URLSearchParams();
  for (const [k, v] of Object.entries(params ?? {})) if (v) query.set(k, v);
  const q = query.toString();
  return `#/${page}${q ? `?${q}` : ''}`;
}

/** Replaces the query of the current page without adding a history entry per keystroke. */
export function setParams(page: PageId, params: Record<string, string | undefined>): void {
  const next = hrefOf(page, params);
  if (next !== window.location.hash) window.history.replaceState(null, '', next);
  window.dispatchEvent(new HashChangeEvent('hashchange'));
}

export function useRoute(): Route {
  const [route, setRoute] = useState(() => parseHash(window.location.hash));
  useEffect(() => {
    const onChange = () => setRoute(parseHash(window.location.hash));
    window.addEventListener('hashchange', onChange);
    return () => window.removeEventListener('hashchange', onChange);
  }, []);
  return route;
}
