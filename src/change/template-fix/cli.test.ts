import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cloudroundsInProcess } from '../../../test/e2e/cli.js';

// The command with the fixes declared beside the rules (src/rules/fixes.ts).
describe('cloudrounds scan --fix', () => {
  let dir: string;
  let web: string;
  let original: string;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'scan-fix-cli-'));
    await cp(join(import.meta.dirname, 'fixtures'), dir, { recursive: true });
    web = join(dir, 'web.template');
    original = await readFile(web, 'utf8');
  });
  afterAll(async () => rm(dir, { recursive: true, force: true }));

  it('prints the diff on stdout and the summary on stderr, and writes nothing', async () => {
    const result = await cloudroundsInProcess(['scan', web, '--fix']);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^\+{3} b\/.*web\.template$/m);
    expect(result.stdout).toContain('+        Status: Enabled # suspended during the migration');
    expect(result.stderr).toMatch(/fixed {2}s3-bucket-versioning-enabled {2}LogsBucket/);
    expect(result.stderr).toMatch(/not auto-fixable {2}s3-bucket-access-logging-enabled/);
    expect(result.stderr).toContain('(not written; add --write)');
    expect(await readFile(web, 'utf8')).toBe(original);
  });

  it('passes --fix-param to the fixes that declare it', async () => {
    const without = await cloudroundsInProcess(['scan', web, '--fix']);
    expect(without.stdout).not.toContain('203.0.113.0/24');
    const result = await cloudroundsInProcess(['scan', web, '--fix', '--fix-param', 'cidr=203.0.113.0/24']);
    expect(result.stdout).toContain('203.0.113.0/24');
  });

  it('writes the files in place with --write; a second run has nothing to change', async () => {
    const result = await cloudroundsInProcess(['scan', web, '--fix', '--write']);
    expect(result.code).toBe(0);
    const written = await readFile(web, 'utf8');
    expect(written).not.toBe(original);
    expect(result.stderr).toMatch(/web\.template: written/);
    const again = await cloudroundsInProcess(['scan', web, '--fix']);
    expect(again.stdout).toBe('');
    expect(await readFile(web, 'utf8')).toBe(written);
  });

  it('refuses --write without --fix, and says a plan JSON is fixed in its .tf source', async () => {
    expect((await cloudroundsInProcess(['scan', web, '--write'])).code).toBe(2);
    const plan = join(dir, 'plan.json');
    await writeFile(
      plan,
      JSON.stringify({ format_version: '1.2', terraform_version: '1.6.0', planned_values: {} }),
    );
    const result = await cloudroundsInProcess(['scan', plan, '--fix']);
    expect(result.code).toBe(0);
    expect(result.stderr).toMatch(/plan\.json: not fixed: a Terraform plan is generated/);
  });
});
