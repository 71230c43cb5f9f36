import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { binBuilt, binPath } from '../../../test/e2e/cli.js';
import { metaResponseSchema } from '../../server/api.js';

const dir = mkdtempSync(join(tmpdir(), 'cloudrounds-serve-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Starts the built `cloudrounds serve`, waits for the line naming its URL, and returns it with the process. */
function serve(args: string[]) {
  const child = spawn(process.execPath, [binPath, 'serve', '--port', '0', '--no-store', ...args], {
    cwd: dir,
    env: { ...process.env, NO_COLOR: '1' },
  });
  let stderr = '';
  const ready = new Promise<{ url: string; stderr: () => string }>((resolve, reject) => {
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString('utf8');
      if (/press Ctrl-C/.test(stderr)) {
        const url = /dashboard on (http:\S+)/.exec(stderr)?.[1];
        if (url) resolve({ url, stderr: () => stderr });
        else reject(new Error(stderr));
      }
    });
    child.once('exit', (code) => reject(new Error(`exited with ${code}: ${stderr}`)));
  });
  // A test that expects the process to fail never awaits `ready`.
  ready.catch(() => undefined);
  return { child, ready };
}

describe.runIf(binBuilt)('cloudrounds serve (built binary)', () => {
  it('loads the demo, serves the API on loopback, and stops on SIGTERM', async () => {
    const { child, ready } = serve([]);
    try {
      const { url, stderr } = await ready;
      expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
      expect(stderr()).toContain('loaded');
      const meta = metaResponseSchema.parse(await (await fetch(new URL('/api/meta', url))).json());
      expect(meta.source.kind).toBe('demo');
      expect(stderr()).not.toContain('token');
    } finally {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      expect(await exited).toBe(0);
    }
  }, 180_000);

  it('prints the token once when exposed, and requires it', async () => {
    const { child, ready } = serve(['--host', '0.0.0.0']);
    try {
      const { url, stderr } = await ready;
      const token = /\?token=([\w-]+)/.exec(stderr())?.[1];
      expect(token).toBeDefined();
      const local = url.replace('0.0.0.0', '127.0.0.1');
      expect((await fetch(new URL('/api/meta', local))).status).toBe(401);
      const ok = await fetch(new URL('/api/meta', local), { headers: { authorization: `Bearer ${token}` } });
      expect(ok.status).toBe(200);
    } finally {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    }
  }, 180_000);

  it('refuses a bad port as a usage error', async () => {
    const { child } = serve(['--port', '70000']);
    const code = await new Promise((resolve) => child.once('exit', resolve));
    expect(code).toBe(2);
  });
});
