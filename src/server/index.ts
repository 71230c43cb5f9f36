/**
 * The dashboard server (`cloudrounds serve`): node:http, the API of api.ts over the state loaded
 * at start, and the built front end. See docs/serve.md for the security model.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ZodError, type z } from 'zod';
import { InputError } from '../model/index.js';
import { API, API_PATHS, API_VERSION, type ApiError, type ApiName } from './api.js';
import * as handlers from './handlers.js';
import { BadParams, NotFound, Unavailable } from './handlers.js';
import { TOKEN_PARAM } from './routes.js';
import {
  allowedHosts,
  csrfProblem,
  hostAllowed,
  isLoopback,
  presentedToken,
  randomSecret,
  sameSecret,
  setSecurityHeaders,
  tokenCookie,
} from './security.js';
import { loadState, type LoadOptions, type ServerState } from './state.js';
import { defaultWebRoot, StaticFiles } from './static.js';

export { loadState, type LoadOptions, type ServerState } from './state.js';

export interface StartOptions extends LoadOptions {
  /** Default 4780; 0 picks a free port. */
  port?: number;
  /** Default 127.0.0.1; anything else requires the token on every request. */
  host?: string;
  /** Directory of the built front end (default dist/web). */
  webRoot?: string;
  /** An already loaded state (benchmarks share one between servers). */
  state?: ServerState;
}

export interface RunningServer {
  /** `http://HOST:PORT/` */
  url: string;
  host: string;
  port: number;
  /** Bound beyond loopback: the token is required. */
  exposed: boolean;
  /** The access token (always generated; enforced only when exposed). */
  token: string;
  /** The CSRF value writes must carry in `X-Cloudrounds-CSRF`. */
  csrf: string;
  state: ServerState;
  server: Server;
  close(): Promise<void>;
}

export const DEFAULT_PORT = 4780;
export const DEFAULT_HOST = '127.0.0.1';
/** Request bodies larger than this are refused (413). */
const MAX_BODY = 1 << 20;
/** Answers kept per server; the oldest goes first. */
const CACHE_ENTRIES = 256;

/** Loads the source, evaluates it, and listens. Resolves once the server accepts connections. */
export async function startServer(options: StartOptions = {}): Promise<RunningServer> {
  const host = options.host ?? DEFAULT_HOST;
  const exposed = !isLoopback(host);
  const state = options.state ?? (await loadState(options));
  // Every page asks for meta first; its one pass over the resources is done before anyone waits.
  handlers.meta(state, exposed);
  const token = randomSecret();
  const csrf = randomSecret();
  const files = new StaticFiles(options.webRoot ?? defaultWebRoot(), csrf);
  const context: Context = { state, exposed, token, csrf, files, hosts: new Set() };
  const server = createServer((req, res) => {
    handle(context, req, res).catch((error: unknown) => {
      if (!res.headersSent) sendError(res, 500, 'internal', (error as Error).message ?? 'internal error');
      else res.destroy();
    });
  });
  // Longer than clients' idle pools, so a client never reuses a socket the server is closing
  // (ECONNRESET); close() ends the open connections itself.
  server.keepAliveTimeout = 65_000;
  await new Promise<void>((resolveListen, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? DEFAULT_PORT, host, () => {
      server.off('error', reject);
      resolveListen();
    });
  });
  const port = (server.address() as AddressInfo).port;
  context.hosts = allowedHosts(host, port);
  const literal = host.includes(':') ? `[${host}]` : host;
  return {
    url: `http://${literal}:${port}/`,
    host,
    port,
    exposed,
    token,
    csrf,
    state,
    server,
    close: () =>
      new Promise<void>((resolveClose, reject) => {
        server.close((error) => (error ? reject(error) : resolveClose()));
        server.closeAllConnections();
      }),
  };
}

interface Context {
  state: ServerState;
  exposed: boolean;
  token: string;
  csrf: string;
  files: StaticFiles;
  hosts: Set<string>;
}

const ROUTE_BY_PATH = new Map<string, { GET?: ApiName; POST?: ApiName }>();
for (const [name, path] of Object.entries(API_PATHS) as Array<[ApiName, string]>) {
  const entry = ROUTE_BY_PATH.get(path) ?? {};
  entry[API[name].method] = name;
  ROUTE_BY_PATH.set(path, entry);
}

async function handle(ctx: Context, req: IncomingMessage, res: ServerResponse): Promise<void> {
  setSecurityHeaders(res);
  if (!hostAllowed(req, ctx.hosts, ctx.exposed)) {
    return sendError(res, 403, 'forbidden', `Host ${req.headers.host ?? '(none)'} is not this server`);
  }
  let url: URL;
  try {
    url = new URL(req.url ?? '/', 'http://server');
  } catch {
    return sendError(res, 400, 'bad-request', 'not a URL');
  }
  const isApi = url.pathname === '/api' || url.pathname.startsWith('/api/');

  if (ctx.exposed) {
    const offered = url.searchParams.get(TOKEN_PARAM);
    // The first page load presents the token once; the cookie carries it from then on, and the
    // redirect takes it out of the address bar and the history.
    if (!isApi && req.method === 'GET' && offered !== null && sameSecret(offered, ctx.token)) {
      url.searchParams.delete(TOKEN_PARAM);
      res.statusCode = 303;
      res.setHeader('Set-Cookie', tokenCookie(ctx.token));
      res.setHeader('Location', url.pathname + url.search);
      res.setHeader('Cache-Control', 'no-store');
      res.end();
      return;
    }
    if (!sameSecret(presentedToken(req), ctx.token)) {
      return sendError(res, 401, 'unauthorized', 'this server needs the token printed when it started');
    }
  }

  const method = req.method ?? 'GET';
  if (method !== 'GET' && method !== 'HEAD') {
    const problem = csrfProblem(req, ctx.csrf);
    if (problem) return sendError(res, 403, 'forbidden', problem);
  }

  if (isApi) return api(ctx, req, res, url, method);
  if (method !== 'GET' && method !== 'HEAD')
    return sendError(res, 405, 'method-not-allowed', `${method} is not allowed here`);
  return serveStatic(ctx, res, url.pathname, method === 'HEAD');
}

async function serveStatic(ctx: Context, res: ServerResponse, path: string, head: boolean): Promise<void> {
  const result = await ctx.files.get(path);
  if (result.kind === 'bad-path') return sendError(res, 400, 'bad-request', 'not a path of this site');
  if (result.kind === 'not-found') {
    if (!ctx.files.built && (path === '/' || path === '/index.html')) {
      res.statusCode = 503;
      res.setHeader('Content-Type', 'text/plain; charset=utf-8');
      res.end('The dashboard front end is not built: run `npm run build` (the API under /api/ works).\n');
      return;
    }
    return sendError(res, 404, 'not-found', `no such file: ${path}`);
  }
  res.statusCode = 200;
  res.setHeader('Content-Type', result.contentType);
  res.setHeader('Content-Length', result.body.length);
  res.setHeader('Cache-Control', result.immutable ? 'public, max-age=31536000, immutable' : 'no-store');
  res.end(head ? undefined : result.body);
}

async function api(
  ctx: Context,
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  method: string,
): Promise<void> {
  res.setHeader('Cache-Control', 'no-store');
  const entry = ROUTE_BY_PATH.get(url.pathname);
  if (!entry) return sendError(res, 404, 'not-found', `no API route ${url.pathname}`);
  const name = entry[method === 'HEAD' ? 'GET' : (method as 'GET' | 'POST')];
  if (!name) {
    res.setHeader('Allow', Object.keys(entry).join(', '));
    return sendError(res, 405, 'method-not-allowed', `${method} is not allowed on ${url.pathname}`);
  }
  let raw: unknown;
  if (API[name].method === 'GET') {
    raw = queryObject(url.searchParams);
  } else {
    const type = req.headers['content-type'] ?? '';
    if (!/^application\/json\b/i.test(type)) {
      return sendError(res, 400, 'bad-request', 'the body must be JSON (Content-Type: application/json)');
    }
    const body = await readBody(req);
    if (body === undefined)
      return sendError(res, 413, 'payload-too-large', `the body exceeds ${MAX_BODY} bytes`);
    try {
      raw = JSON.parse(body.length === 0 ? '{}' : body);
    } catch (error) {
      return sendError(res, 400, 'bad-request', `the body is not JSON: ${(error as Error).message}`);
    }
  }
  const parsed = (API[name].request as z.ZodType).safeParse(raw);
  if (!parsed.success) return sendZodError(res, parsed.error);

  const cacheable = API[name].method === 'GET' && name !== 'suppressions';
  // The state (and its cache) may be shared by servers that differ in exposure (meta says which).
  const key = `${name} ${ctx.exposed ? 'exposed' : 'local'} ${JSON.stringify(parsed.data)}`;
  try {
    let answer = cacheable ? ctx.state.cache.get(key) : undefined;
    if (answer === undefined) {
      answer = await run(ctx, name, parsed.data);
      if (cacheable) {
        if (ctx.state.cache.size >= CACHE_ENTRIES) {
          ctx.state.cache.delete(ctx.state.cache.keys().next().value as string);
        }
        ctx.state.cache.set(key, answer);
      }
    }
    sendJson(res, 200, answer, method === 'HEAD');
  } catch (error) {
    if (error instanceof NotFound) return sendError(res, 404, 'not-found', error.message);
    if (error instanceof Unavailable) return sendError(res, 409, 'unavailable', error.message);
    if (error instanceof BadParams) {
      return sendJson(res, 400, {
        schemaVersion: API_VERSION,
        error: 'bad-request',
        message: error.message,
        issues: error.issues.map(issueJson),
      } satisfies ApiError);
    }
    if (error instanceof ZodError) return sendZodError(res, error);
    if (error instanceof InputError) {
      return sendJson(res, 400, {
        schemaVersion: API_VERSION,
        error: 'bad-request',
        message: error.message,
        ...(error.path !== undefined ? { path: error.path } : {}),
      } satisfies ApiError);
    }
    throw error;
  }
}

/** Dispatches a validated request to its handler. */
function run(ctx: Context, name: ApiName, params: unknown): unknown {
  const s = ctx.state;
  const p = params as never;
  switch (name) {
    case 'meta':
      return handlers.meta(s, ctx.exposed);
    case 'overview':
      return handlers.overview(s);
    case 'findings':
      return handlers.findings(s, p);
    case 'finding':
      return handlers.finding(s, p);
    case 'suppressions':
      return handlers.suppressions(s);
    case 'suppress':
      return handlers.suppressOne(s, p);
    case 'compliance':
      return handlers.compliance(s, p);
    case 'diagram':
      return handlers.diagram(s, p);
    case 'reach':
      return handlers.reach(s, p);
    case 'exposure':
      return handlers.exposure(s, p);
    case 'simulate':
      return handlers.simulate(s, p);
    case 'whoCan':
      return handlers.whoCan(s, p);
    case 'escalation':
      return handlers.escalation(s);
    case 'logQuestion':
      return handlers.logQuestion(s, p);
    case 'logQuery':
      return handlers.logQuery(s, p);
    case 'detections':
      return handlers.detections(s);
    case 'cost':
      return handlers.costAnswer(s);
  }
}

/** Query parameters as an object: a repeated key becomes a list. The token is not a parameter. */
export function queryObject(params: URLSearchParams): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const [key, value] of params) {
    if (key === TOKEN_PARAM) continue;
    const prev = out[key];
    out[key] = prev === undefined ? value : Array.isArray(prev) ? [...prev, value] : [prev, value];
  }
  return out;
}

function readBody(req: IncomingMessage): Promise<string | undefined> {
  return new Promise((resolveBody, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let over = false;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY) over = true;
      else chunks.push(chunk);
    });
    req.on('end', () => resolveBody(over ? undefined : Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function issueJson(i: z.core.$ZodIssue): NonNullable<ApiError['issues']>[number] {
  return {
    code: i.code,
    path: i.path.map((p) => (typeof p === 'symbol' ? String(p) : p)),
    message: i.message,
  };
}

function sendZodError(res: ServerResponse, error: ZodError): void {
  sendJson(res, 400, {
    schemaVersion: API_VERSION,
    error: 'bad-request',
    message: error.issues
      .map((i) => (i.path.length ? `${i.path.join('.')}: ${i.message}` : i.message))
      .join('; '),
    issues: error.issues.map(issueJson),
  } satisfies ApiError);
}

function sendError(res: ServerResponse, status: number, error: ApiError['error'], message: string): void {
  sendJson(res, status, { schemaVersion: API_VERSION, error, message } satisfies ApiError);
}

function sendJson(res: ServerResponse, status: number, body: unknown, head = false): void {
  const text = JSON.stringify(body);
  res.statusCode = status;
  res.setHeader('Content-Type', 'application/json; charset=utf-8');
  res.setHeader('Content-Length', Buffer.byteLength(text));
  res.end(head ? undefined : text);
}
