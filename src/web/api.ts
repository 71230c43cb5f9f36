/**
 * The page's only way to the server: same-origin JSON over the routes of src/server/routes.ts.
 * The access token (exposed mode) travels in the cookie the server set on the first page load;
 * writes carry the per-start CSRF value the server wrote into index.html's <meta>.
 */
import { CSRF_HEADER, CSRF_META, ROUTES, type RouteName } from '../server/routes';

export { ROUTES };

/** A failed request, with the server's message when it sent one. */
export class ApiError extends Error {
  constructor(
    message: string,
    readonly status: number,
  ) {
    super(message);
  }

  static from(error: unknown): ApiError {
    if (error instanceof ApiError) return error;
    return new ApiError(error instanceof Error ? error.message : String(error), 0);
  }
}

type Query = Record<string, string | number | boolean | undefined | null | readonly string[]>;

/** `ROUTES[name]?query`, leaving out empty values; arrays repeat the key. */
export function pathOf(name: RouteName, query: Query = {}): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === '') continue;
    if (Array.isArray(value)) for (const v of value as readonly string[]) params.append(key, v);
    else params.set(key, String(value));
  }
  const q = params.toString();
  return q ? `${ROUTES[name]}?${q}` : ROUTES[name];
}

function csrfValue(): string {
  return document.querySelector<HTMLMetaElement>(`meta[name="${CSRF_META}"]`)?.content ?? '';
}

async function parse<T>(response: Response): Promise<T> {
  const text = await response.text();
  let body: unknown = undefined;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    // Not JSON: an error page or a proxy's answer; the status line says enough.
  }
  if (!response.ok) {
    const message =
      body && typeof body === 'object' && 'error' in body
        ? messageOf((body as { error: unknown }).error)
        : `${response.status} ${response.statusText}`;
    throw new ApiError(message, response.status);
  }
  return body as T;
}

function messageOf(error: unknown): string {
  if (typeof error === 'string') return error;
  if (error && typeof error === 'object' && 'message' in error) return String(error.message);
  return JSON.stringify(error);
}

export async function getJson<T>(path: string, signal?: AbortSignal): Promise<T> {
  const response = await fetch(path, { signal, headers: { accept: 'application/json' } });
  return parse<T>(response);
}

export async function postJson<T>(path: string, body: unknown, signal?: AbortSignal): Promise<T> {
  const response = await fetch(path, {
    method: 'POST',
    signal,
    headers: { accept: 'application/json', 'content-type': 'application/json', [CSRF_HEADER]: csrfValue() },
    body: JSON.stringify(body),
  });
  return parse<T>(response);
}
