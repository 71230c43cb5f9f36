import { describe, expect, it } from 'vitest';
import { INJECTED_NAME, SECRET, sampleAnswer } from './fixtures/sample.js';
import { md, renderDailyMarkdown } from './markdown.js';

describe('renderDailyMarkdown', () => {
  const text = renderDailyMarkdown(sampleAnswer({ history: { first: true } }));

  it('has every section, health first', () => {
    const order = [
      '## Health',
      '## Open findings by category and severity',
      '## Ten things to fix today',
      '## Blast radius',
      '## Changes',
      '## Not evaluated',
      '## Findings by rule',
    ];
    const at = order.map((s) => text.indexOf(`\n${s}\n`));
    expect(at.every((i) => i >= 0)).toBe(true);
    expect([...at].sort((a, b) => a - b)).toEqual(at);
  });

  it('groups findings under their rule with the remediation snippets', () => {
    expect(text).toContain('### `ec2-security-group-admin-ports-restricted` — Security group does not open');
    expect(text).toContain('```sh\naws ec2 revoke-security-group-ingress');
    expect(text).toContain('```yaml\nSecurityGroupIngress:');
    expect(text).toContain('```hcl\ningress {');
    expect(text).toContain('**low** · compliance · 1 open, 1 undecided');
  });

  it('escapes text from the snapshot and never holds a secret', () => {
    expect(text).not.toContain(INJECTED_NAME);
    expect(text).toContain('\\<script\\>alert("x")\\</script\\>');
    expect(text).not.toContain(SECRET);
  });

  it('escapes what could start emphasis, code, links, HTML or a new table cell', () => {
    expect(md('a|b *c* _d_ `e` [f](g) <h> &amp; ~i~\nj')).toBe(
      'a\\|b \\*c\\* \\_d\\_ \\`e\\` \\[f\\](g) \\<h\\> \\&amp; \\~i\\~ j',
    );
  });
});
