/**
 * The dashboard's security model (docs/serve.md): response headers with a strict
 * Content-Security-Policy, Host checks against DNS rebinding, a per-start access token when the
 * server is exposed beyond loopback, and a per-start CSRF value every write must echo in a header.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { isIP } from 'node:net';
import { CSRF_HEADER, TOKEN_COOKIE } from './routes.js';

/**
 * No inline script or style, no eval, nothing from another origin, never framed.
 * https://developer.mozilla.org/en-US/docs/Web/HTTP/Headers/Content-Security-Policy
 */
export const CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'Content-Security-Policy': CSP,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'X-Frame-Options': 'DENY',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
  'Permissions-Policy': 'camera=(), microphone=(), geolocation=()',
};

export function setSecurityHeaders(res: ServerResponse): void {
  for (const [name, value] of Object.entries(SECURITY_HEADERS)) res.setHeader(name, value);
}

/** 127.0.0.0/8, ::1 and `localhost`: only this machine can connect. */
export function isLoopback(host: string): boolean {
  const h = host.replace(/^\[|\]$/g, '').toLowerCase();
  if (h === 'localhost' || h === '::1') return true;
  return isIP(h) === 4 && h.startsWith('127.');
}

/** A fresh random value for one start of the server (URL- and header-safe). */
export function randomSecret(): string {
  return randomBytes(32).toString('base64url');
}

/** Constant-time comparison, so the token cannot be guessed one character at a time. */
export function sameSecret(given: string | undefined, expected: string): boolean {
  if (given === undefined) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** The access token a request presents: `Authorization: Bearer`, or the cookie. */
export function presentedToken(req: IncomingMessage): string | undefined {
  const auth = req.headers.authorization;
  if (auth?.startsWith('Bearer ')) return auth.slice('Bearer '.length).trim();
  return cookies(req.headers.cookie)[TOKEN_COOKIE];
}

export function cookies(header: string | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of (header ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq <= 0) continue;
    const name = part.slice(0, eq).trim();
    try {
      out[name] = decodeURIComponent(part.slice(eq + 1).trim());
    } catch {
      // A malformed cookie is ignored: it can only fail the token check.
    }
  }
  return out;
}

/** The cookie set when the first page load presented the token. */
export function tokenCookie(token: string): string {
  return `${TOKEN_COOKIE}=${token}; HttpOnly; SameSite=Strict; Path=/`;
}

/** Host names a request may address the server by: its bound address and, on loopback, `localhost`. */
export function allowedHosts(host: string, port: number): Set<string> {
  const bare = host.replace(/^\[|\]$/g, '');
  const literal = isIP(bare) === 6 ? `[${bare}]` : bare;
  const hosts = new Set([`${literal}:${port}`.toLowerCase()]);
  if (isLoopback(host)) {
    hosts.add(`localhost:${port}`);
    hosts.add(`127.0.0.1:${port}`);
    hosts.add(`[::1]:${port}`);
  }
  return hosts;
}

/**
 * Whether a request's Host header names this server. On an exposed server (0.0.0.0 or a LAN
 * address) any host name may be used; the token protects it then.
 */
export function hostAllowed(req: IncomingMessage, hosts: ReadonlySet<string>, exposed: boolean): boolean {
  const host = req.headers.host?.toLowerCase();
  if (host === undefined) return false;
  return exposed || hosts.has(host);
}

/**
 * Why a write is refused, or undefined when it carries the CSRF value and comes from this
 * server's own origin. A cross-site form cannot set a custom header; a foreign page cannot read
 * the value from ours (no CORS headers are sent).
 */
export function csrfProblem(req: IncomingMessage, csrf: string): string | undefined {
  const given = req.headers[CSRF_HEADER];
  if (!sameSecret(typeof given === 'string' ? given : undefined, csrf)) {
    return `a write needs the ${CSRF_HEADER} header with the value the page was given`;
  }
  const origin = req.headers.origin;
  if (origin !== undefined) {
    let originHost: string;
    try {
      originHost = new URL(origin).host.toLowerCase();
    } catch {
      return `Origin ${origin} is not a URL`;
    }
    if (originHost !== req.headers.host?.toLowerCase()) return `Origin ${origin} is not this server`;
  }
  const site = req.headers['sec-fetch-site'];
  if (site !== undefined && site !== 'same-origin' && site !== 'none') {
    return `the request comes from another site (${String(site)})`;
  }
  return undefined;
}
