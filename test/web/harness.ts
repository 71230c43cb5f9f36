/**
 * What the browser tests share: the built front end (built here when missing), the real server
 * started in process on 127.0.0.1 port 0 over the demo organisation with a temporary configuration
 * file, and Debian's Chromium driven by playwright-core. Tests skip, saying why, only when that
 * Chromium is absent.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { startServer, type RunningServer, type StartOptions } from '../../src/server/index.js';
import { projectRoot } from '../corpora.js';

export const CHROMIUM = '/usr/bin/chromium';
export const chromiumPresent = existsSync(CHROMIUM);
if (!chromiumPresent) {
  console.warn(`browser tests skipped: ${CHROMIUM} is absent (CI installs the Debian chromium package)`);
}

export const webRoot = join(projectRoot, 'dist', 'web');
export const screenshotDir = join(projectRoot, 'test-artifacts', 'screenshots');

/** `npm test` builds first; a lone `vitest run test/web` builds the front end itself. */
export function ensureBuilt(): void {
  if (existsSync(join(webRoot, 'index.html'))) return;
  execFileSync(
    process.execPath,
    [
      join(projectRoot, 'node_modules', 'vite', 'bin', 'vite.js'),
      'build',
      '--config',
      'vite.config.ts',
      '--logLevel',
      'warn',
    ],
    {
      cwd: projectRoot,
      stdio: 'inherit',
    },
  );
}

export interface Harness {
  server: RunningServer;
  browser: Browser;
  dir: string;
  configFile: string;
  close(): Promise<void>;
}

export interface HarnessOptions extends StartOptions {
  /** Runs before the server opens the history database (e.g. to ingest logs into it). */
  prepare?: (db: string) => Promise<void>;
}

export async function startHarness({ prepare, ...options }: HarnessOptions = {}): Promise<Harness> {
  ensureBuilt();
  mkdirSync(screenshotDir, { recursive: true });
  const dir = mkdtempSync(join(tmpdir(), 'cloudrounds-web-'));
  const configFile = join(dir, '.cloudrounds.yaml');
  // A user's file with a comment: the suppression must be added without losing it.
  writeFileSync(configFile, '# team configuration\n');
  const db = join(dir, 'history.duckdb');
  await prepare?.(db);
  const server = await startServer({
    source: 'demo',
    port: 0,
    // A fresh history database, with this evaluation recorded: the overview draws its trend.
    db,
    record: true,
    configFile,
    webRoot,
    ...options,
  });
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    // Chromium's sandbox needs user namespaces that containers running as root usually lack.
    args: process.getuid?.() === 0 ? ['--no-sandbox'] : [],
  });
  return {
    server,
    browser,
    dir,
    configFile,
    async close() {
      await browser.close();
      await server.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Console errors and uncaught exceptions of a page, collected from its creation. */
export function collectErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(`console: ${message.text()}`);
  });
  page.on('pageerror', (error) => errors.push(`page error: ${error.message}`));
  // The console line of a failed load does not name the URL; this does.
  page.on('response', (response) => {
    if (response.status() >= 400) errors.push(`http ${response.status()}: ${response.url()}`);
  });
  return errors;
}

/** The two DOM globals the page functions below touch (the test program is compiled without the DOM lib). */
interface PageGlobals {
  document: { querySelectorAll(selector: string): Iterable<{ textContent: string | null }> };
}

/** Waits until no "Loading …" status is left on the page. */
export async function settled(page: Page): Promise<void> {
  await page.waitForSelector('main h1');
  // A function, not a string: the page's CSP forbids eval, and Playwright evaluates strings with it.
  await page.waitForFunction(() => {
    const { document } = globalThis as unknown as PageGlobals;
    return ![...document.querySelectorAll('[role=status]')].some((e) =>
      /^Loading /.test(e.textContent ?? ''),
    );
  });
}

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: string[];
}

/**
 * axe-core's WCAG 2 A/AA checks on the page as it stands. The script goes in through the DevTools
 * protocol (page.evaluate), which the page's Content-Security-Policy does not govern, so the test
 * runs under the same CSP users get.
 */
export async function axe(page: Page): Promise<AxeViolation[]> {
  await page.evaluate(axeSource);
  return page.evaluate<AxeViolation[]>(`
    axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] } })
      .then((result) => result.violations.map((v) => ({
        id: v.id,
        impact: v.impact,
        help: v.help,
        nodes: v.nodes.slice(0, 5).map((n) => JSON.stringify(n.target)),
      })))
  `);
}

export const serious = (violations: readonly AxeViolation[]) =>
  violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
