import { describe, expect, it } from 'vitest';
import { parseConfig } from '../engine/index.js';
import { InputError } from '../model/index.js';
import { appendSuppression } from './suppress.js';
import { safeRelative } from './static.js';

const entry = { rule: 's3-*', resource: 'logs-*', reason: 'Archive, read-only', expires: '2099-01-31' };

describe('appendSuppression', () => {
  it('creates the list in an empty file or a file of comments only', () => {
    for (const text of ['', '# only a comment\n']) {
      const out = appendSuppression(text, entry, 'f.yaml');
      expect(parseConfig(out, 'f.yaml').suppressions).toMatchObject([entry]);
      if (text) expect(out).toContain('# only a comment');
    }
  });

  it('adds to a flow-style or empty list, and beside other settings, keeping comments', () => {
    const text = `# settings\nparams:\n  # tighter\n  ec2-security-group-admin-ports-restricted:\n    ports: [22]\nsuppressions: []\n`;
    const out = appendSuppression(text, { ...entry, account: '111122223333' }, 'f.yaml');
    const config = parseConfig(out, 'f.yaml');
    expect(config.suppressions).toMatchObject([{ ...entry, account: '111122223333' }]);
    expect(config.params).toEqual({ 'ec2-security-group-admin-ports-restricted': { ports: [22] } });
    expect(out).toContain('# tighter');
    expect(out).toContain('# settings');
    const empty = appendSuppression('suppressions:\n', entry, 'f.yaml');
    expect(parseConfig(empty, 'f.yaml').suppressions).toHaveLength(1);
  });

  it('refuses a file it cannot extend rather than rewriting it', () => {
    expect(() => appendSuppression('suppressions: {a: 1}\n', entry, 'f.yaml')).toThrow(InputError);
    expect(() => appendSuppression('- a\n- b\n', entry, 'f.yaml')).toThrow(InputError);
    expect(() => appendSuppression('a: [\n', entry, 'f.yaml')).toThrow(InputError);
  });
});

describe('safeRelative', () => {
  it('keeps plain paths and refuses anything that could leave the web directory', () => {
    expect(safeRelative('/')).toBe('');
    expect(safeRelative('/assets/app.js')).toBe('assets/app.js');
    expect(safeRelative('/findings//x')).toBe('findings/x');
    for (const bad of [
      '/../x',
      '/a/../../x',
      '/%2e%2e/x',
      '/a%2f..%2fx',
      '/a\\..\\x',
      '/a%5cb',
      '/a%00',
      '/%E0%A4%A',
      'x',
    ]) {
      expect(safeRelative(bad), bad).toBeUndefined();
    }
  });
});
