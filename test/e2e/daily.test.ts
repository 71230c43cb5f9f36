import { spawn, type ChildProcess } from 'node:child_process';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { binBuilt, cloudrounds } from './cli.js';
import { projectRoot } from '../corpora.js';
import { dailyJsonSchema, type DailyJson } from '../../src/report/daily/json.js';
import { DEMO_SECRET_VALUES } from '../../src/sources/demo/index.js';

const fixture = (name: string) => join(projectRoot, 'test', 'e2e', 'fixtures', 'daily', name);
const work = mkdtempSync(join(tmpdir(), 'cloudrounds-daily-'));
const home = join(work, 'home');
const env = { CLOUDROUNDS_HOME: home };
afterAll(() => rmSync(work, { recursive: true, force: true }));

function readJson(file: string): DailyJson {
  const parsed = dailyJsonSchema.safeParse(JSON.parse(readFileSync(file, 'utf8')));
  expect(parsed.error?.issues ?? []).toEqual([]);
  return parsed.data!;
}

/** Keys of open findings (failing, not suppressed) of a daily document. */
function openKeys(doc: DailyJson): Set<string> {
  return new Set(doc.findings.filter((f) => f.status === 'fail' && !f.suppressed).map((f) => f.key));
}

describe.runIf(binBuilt)('cloudrounds daily', () => {
  describe('on the demo organisation', () => {
    const out = join(work, 'demo');
    let first: ReturnType<typeof cloudrounds>;
    beforeAll(() => {
      mkdirSync(out, { recursive: true });
      first = cloudrounds(
        [
          'daily',
          '--html',
          join(out, 'daily.html'),
          '--md',
          join(out, 'daily.md'),
          '--json',
          join(out, 'daily.json'),
        ],
        { env },
      );
    });

    it('prints one screen, records the run under CLOUDROUNDS_HOME and writes the three reports', () => {
      expect(first.stderr).toBe('');
      expect(first.code).toBe(0);
      const lines = first.stdout.trimEnd().split('\n');
      // One screen: a 50-row terminal, with the four report paths each on their own line.
      expect(lines.length).toBeLessThanOrEqual(48);
      expect(first.stdout).toMatch(/^cloudrounds daily — demo · run #\d+ · /);
      expect(first.stdout).toContain('365 resources in 4 account(s), 3 region(s)');
      for (const section of [
        '── HEALTH',
        '── OPEN FINDINGS',
        '── HISTORY',
        '── NOT EVALUATED',
        '── REPORTS',
      ]) {
        expect(first.stdout).toContain(section);
      }
      expect(first.stdout).toContain('First run of scope demo');
      expect(first.stdout).toContain(`history ${join(home, 'cloudrounds.duckdb')}`);
      expect(existsSync(join(home, 'cloudrounds.duckdb'))).toBe(true);
      for (const f of ['daily.html', 'daily.md', 'daily.json']) expect(first.stdout).toContain(join(out, f));
    });

    it('writes a valid JSON document in which every open finding is new on the first run', () => {
      const doc = readJson(join(out, 'daily.json'));
      expect(doc.source).toEqual({ spec: 'demo', kind: 'demo', scope: 'demo' });
      expect(doc.run.recorded).toBe(true);
      expect(doc.changes.previousRun).toBeNull();
      expect(new Set(doc.changes.new)).toEqual(openKeys(doc));
      expect(doc.changes.new.length).toBe(doc.totals.open);
      expect(doc.totals.open).toBeGreaterThan(0);
      expect(doc.coverage.complete).toBe(false);
    });

    it('writes a self-contained HTML file and a Markdown report', () => {
      const html = readFileSync(join(out, 'daily.html'), 'utf8');
      expect(html).toMatch(/^<!DOCTYPE html>/);
      expect(html).toContain(
        '<meta http-equiv="Content-Security-Policy" content="default-src &#39;none&#39;',
      );
      expect(html).not.toMatch(/\b(src|href)\s*=\s*"(?!#)/i);
      expect(html).toContain('id="findings"');
      const md = readFileSync(join(out, 'daily.md'), 'utf8');
      expect(md).toMatch(/^# Daily rounds — demo\n/);
      expect(md).toContain('## Findings by rule');
    });

    it('never writes a planted secret to any output', () => {
      const outputs = [
        first.stdout,
        ...['daily.html', 'daily.md', 'daily.json'].map((f) => readFileSync(join(out, f), 'utf8')),
      ];
      for (const text of outputs) for (const secret of DEMO_SECRET_VALUES) expect(text).not.toContain(secret);
    });

    it('compares a second run with the first: nothing new, nothing resolved', () => {
      const second = cloudrounds(['daily', '--json', '-'], { env });
      expect(second.code).toBe(0);
      const doc = dailyJsonSchema.parse(JSON.parse(second.stdout));
      expect(doc.changes.previousRun?.id).toBe(readJson(join(out, 'daily.json')).run.id);
      expect(doc.changes.new).toEqual([]);
      expect(doc.changes.resolved).toEqual([]);
      expect(doc.changes.stillOpen).toBe(doc.totals.open);
      expect(doc.trend.length).toBeGreaterThanOrEqual(2);
    });

    it('exits 1 when an open finding is at or above --fail-on', () => {
      expect(cloudrounds(['daily', '--no-store', '--fail-on', 'critical'], { env }).code).toBe(1);
      expect(cloudrounds(['daily', '--no-store', '--fail-on', 'none'], { env }).code).toBe(0);
    });
  });

  describe('on a template changed between two runs', () => {
    const infra = join(work, 'infra');
    const stack = join(infra, 'stack.yaml');
    const db = join(work, 'infra.duckdb');
    let v1: DailyJson;
    let v2: DailyJson;
    let secondRun: ReturnType<typeof cloudrounds>;
    beforeAll(() => {
      mkdirSync(infra, { recursive: true });
      copyFileSync(fixture('stack-v1.yaml'), stack);
      const first = cloudrounds(['daily', '--source', stack, '--db', db, '--json', join(work, 'v1.json')], {
        env,
      });
      expect(first.stderr).toBe('');
      expect(first.code).toBe(0);
      v1 = readJson(join(work, 'v1.json'));
      copyFileSync(fixture('stack-v2.yaml'), stack);
      secondRun = cloudrounds(
        [
          'daily',
          '--source',
          stack,
          '--db',
          db,
          '--json',
          join(work, 'v2.json'),
          '--html',
          join(work, 'v2.html'),
        ],
        { env },
      );
      expect(secondRun.stderr).toBe('');
      v2 = readJson(join(work, 'v2.json'));
    });

    it('records both runs in the --db file, in one scope: the template path', () => {
      expect(v1.source.scope).toBe(v2.source.scope);
      expect(v1.changes.previousRun).toBeNull();
      expect(v2.changes.previousRun?.id).toBe(v1.run.id);
      expect(v2.run.store).toBe(db);
    });

    it('reports exactly the findings opened and closed by the change', () => {
      const [before, after] = [openKeys(v1), openKeys(v2)];
      const opened = [...after].filter((k) => !before.has(k));
      const closed = [...before].filter((k) => !after.has(k));
      expect(new Set(v2.changes.new)).toEqual(new Set(opened));
      expect(new Set(v2.changes.resolved.map((f) => f.key))).toEqual(new Set(closed));
      expect(v2.changes.stillOpen).toBe([...after].filter((k) => before.has(k)).length);

      // The change opened SSH on AdminSg and turned on PITR for Table; nothing else moved.
      const byKey = new Map(v2.findings.map((f) => [f.key, f]));
      const fresh = v2.changes.new.map((k) => byKey.get(k)!);
      expect(fresh.map((f) => f.resource.id)).toEqual(fresh.map(() => 'AdminSg'));
      expect(fresh.map((f) => f.ruleId)).toContain('ec2-security-group-admin-ports-restricted');
      expect(v2.changes.resolved.map((f) => f.resource.id)).toEqual(v2.changes.resolved.map(() => 'Table'));
      expect(v2.changes.resolved.map((f) => f.ruleId)).toContain('dynamodb-table-pitr-enabled');
      // The unchanged table still fails PITR, and is not new.
      const legacy = v2.findings.find(
        (f) => f.ruleId === 'dynamodb-table-pitr-enabled' && f.resource.id === 'LegacyTable',
      );
      expect(legacy?.new).toBe(false);
    });

    it('says so on the screen', () => {
      expect(secondRun.stdout).toContain(`Since run #${v1.run.id} (`);
      expect(secondRun.stdout).toContain(
        `${v2.changes.new.length} new, ${v2.changes.resolved.length} resolved`,
      );
      expect(secondRun.stdout).toMatch(
        /\n {2}\+ HIGH .*\[ec2-security-group-admin-ports-restricted · stack\.yaml:\d+/,
      );
      expect(secondRun.stdout).toMatch(/\n {2}- MED .*\[dynamodb-table-pitr-enabled/);
    });

    it('escapes a resource name that is an HTML injection', () => {
      const html = readFileSync(join(work, 'v2.html'), 'utf8');
      expect(v2.findings.some((f) => f.resource.name === '<script>alert(1)</script>')).toBe(true);
      expect(html).not.toContain('<script>alert(1)</script>');
      expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
      expect(html.match(/<script>/g)).toHaveLength(1);
    });

    it('exits 1 at or above --fail-on, 0 below it', () => {
      const high = cloudrounds(['daily', '--source', stack, '--no-store', '--fail-on', 'high'], { env });
      expect(high.code).toBe(1);
      const critical = v2.totals.bySeverity.critical > 0 ? 1 : 0;
      expect(
        cloudrounds(['daily', '--source', stack, '--no-store', '--fail-on', 'critical'], { env }).code,
      ).toBe(critical);
      const nothing = cloudrounds(
        ['daily', '--source', fixture('nothing-checked.yaml'), '--no-store', '--fail-on', 'info'],
        { env },
      );
      expect(nothing.stderr).toBe('');
      expect(nothing.code).toBe(0);
      expect(nothing.stdout).toContain('── NOT EVALUATED');
      expect(nothing.stdout).toContain('AWS::CloudFormation::WaitConditionHandle');
    });
  });

  describe('input errors exit 2', () => {
    it('a database held by another process', async () => {
      const db = join(work, 'locked.duckdb');
      const holder = await holdStore(db);
      try {
        const result = cloudrounds(['daily', '--db', db], { env });
        expect(result.code).toBe(2);
        expect(result.stderr).toContain(db);
        expect(result.stderr).toMatch(/in use by another process/);
        expect(result.stdout).toBe('');
      } finally {
        holder.kill();
      }
    });

    it('a damaged database, which is left as it was', () => {
      const db = join(work, 'damaged.duckdb');
      writeFileSync(db, 'this is not a DuckDB file'.repeat(200));
      const before = readFileSync(db);
      const result = cloudrounds(['daily', '--db', db], { env });
      expect(result.code).toBe(2);
      expect(result.stderr).toContain(db);
      expect(readFileSync(db).equals(before)).toBe(true);
    });

    it('a configuration file with an error, named with its line', () => {
      const config = join(work, 'bad.yaml');
      writeFileSync(
        config,
        'suppressions:\n  - rule: x\n    resource: y\n    reason: r\n    expires: 2026-02-30\n',
      );
      const result = cloudrounds(['daily', '--no-store', '--config', config], { env });
      expect(result.code).toBe(2);
      expect(result.stderr).toMatch(/bad\.yaml:\d+/);
    });

    it('a report file that cannot be written', () => {
      const result = cloudrounds(['daily', '--no-store', '--html', join(work, 'no-such-dir', 'daily.html')], {
        env,
      });
      expect(result.code).toBe(2);
      expect(result.stderr).toContain('daily.html: cannot write the report: its directory does not exist');
    });

    it('a missing source, and an unknown --fail-on', () => {
      expect(cloudrounds(['daily', '--no-store', '--source', join(work, 'nope.yaml')], { env }).code).toBe(2);
      expect(cloudrounds(['daily', '--no-store', '--fail-on', 'severe'], { env }).code).toBe(2);
    });
  });

  it('--no-store touches no database', () => {
    const empty = join(work, 'empty-home');
    const result = cloudrounds(['daily', '--no-store'], { env: { CLOUDROUNDS_HOME: empty } });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Not recorded (--no-store)');
    expect(existsSync(empty)).toBe(false);
  });
});

/** Starts a process that opens the store for writing and keeps it open until killed. */
function holdStore(db: string): Promise<ChildProcess> {
  const code = `
    const { openStore } = await import(${JSON.stringify(join(projectRoot, 'dist', 'store', 'index.js'))});
    await openStore(${JSON.stringify(db)});
    process.stdout.write('open\\n');
    setInterval(() => {}, 1000);`;
  const child = spawn(process.execPath, ['--input-type=module', '-e', code], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return new Promise((resolve, reject) => {
    let err = '';
    child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
    child.stdout!.on('data', (d: Buffer) => {
      if (d.toString().includes('open')) resolve(child);
    });
    child.on('exit', (code) => reject(new Error(`store holder exited with ${code}: ${err}`)));
  });
}
