/**
 * The built front end (dist/web), served from disk with the content type of each extension.
 * Only files under the web directory are served: a path with `..`, a NUL, a backslash or an
 * encoded separator is refused, and a symlink leading outside the directory is not followed.
 * Paths that are not files get index.html (the page routes on the client), with the per-start
 * CSRF value in a `<meta>` tag (not an inline script: the CSP allows none).
 */
import { existsSync } from 'node:fs';
import { readFile, realpath, stat } from 'node:fs/promises';
import { dirname, extname, join, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CSRF_META } from './routes.js';

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.txt': 'text/plain; charset=utf-8',
  '.wasm': 'application/wasm',
};

export function contentTypeOf(path: string): string {
  return CONTENT_TYPES[extname(path).toLowerCase()] ?? 'application/octet-stream';
}

/**
 * The built front end: dist/web beside dist/server when running the build, or the project's
 * dist/web when running from the TypeScript sources (tests).
 */
export function defaultWebRoot(): string {
  const here = dirname(fileURLToPath(import.meta.url));
  const built = resolve(here, '..', 'web');
  if (resolve(here, '..').endsWith(`${sep}dist`) && existsSync(built)) return built;
  return resolve(here, '..', '..', 'dist', 'web');
}

export type StaticResult =
  | { kind: 'file'; body: Buffer; contentType: string; immutable: boolean }
  | { kind: 'bad-path' }
  | { kind: 'not-found' };

export class StaticFiles {
  private readonly root: string;
  private index: Promise<Buffer | undefined> | undefined;

  constructor(
    root: string,
    private readonly csrf: string,
  ) {
    this.root = resolve(root);
  }

  /** Whether the front end is built (index.html exists). */
  get built(): boolean {
    return existsSync(join(this.root, 'index.html'));
  }

  /** The file for a URL path (already stripped of its query string). */
  async get(urlPath: string): Promise<StaticResult> {
    const relative = safeRelative(urlPath);
    if (relative === undefined) return { kind: 'bad-path' };
    if (relative !== '' && relative !== 'index.html') {
      const file = await this.file(relative);
      if (file) {
        return {
          kind: 'file',
          body: file,
          contentType: contentTypeOf(relative),
          // Vite names built assets by content hash.
          immutable: relative.startsWith('assets/'),
        };
      }
      // A missing asset is a 404; anything else is a page of the client-side router.
      if (relative.startsWith('assets/') || extname(relative) !== '') return { kind: 'not-found' };
    }
    const index = await this.indexHtml();
    return index
      ? { kind: 'file', body: index, contentType: CONTENT_TYPES['.html']!, immutable: false }
      : { kind: 'not-found' };
  }

  private async file(relative: string): Promise<Buffer | undefined> {
    const path = join(this.root, relative);
    try {
      const real = await realpath(path);
      const rootReal = await realpath(this.root);
      if (real !== rootReal && !real.startsWith(rootReal + sep)) return undefined;
      if (!(await stat(real)).isFile()) return undefined;
      return await readFile(real);
    } catch {
      return undefined;
    }
  }

  private indexHtml(): Promise<Buffer | undefined> {
    this.index ??= this.file('index.html').then((html) => {
      if (!html) return undefined;
      const meta = `<meta name="${CSRF_META}" content="${this.csrf}" />`;
      const text = html.toString('utf8');
      const at = text.search(/<\/head>/i);
      return Buffer.from(at < 0 ? meta + text : `${text.slice(0, at)}    ${meta}\n  ${text.slice(at)}`);
    });
    return this.index;
  }
}

/**
 * The path below the web root a URL path names, or undefined when it is not a plain relative path:
 * encoded separators, backslashes, NUL, `.` and `..` segments are all refused rather than resolved.
 */
export function safeRelative(urlPath: string): string | undefined {
  if (!urlPath.startsWith('/')) return undefined;
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return undefined;
  }
  if (/[\\\0]/.test(decoded) || /%2f|%5c/i.test(urlPath)) return undefined;
  const segments = decoded.slice(1).split('/');
  if (segments.some((s) => s === '..' || s === '.')) return undefined;
  return segments.filter(Boolean).join('/');
}
