import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { INJECTED_NAME, SECRET, sampleAnswer } from './fixtures/sample.js';
import { PENDING_ANALYSES } from '../../questions/daily.js';
import { DAILY_HTML_CSP, h, renderDailyHtml } from './html.js';

const html = renderDailyHtml(sampleAnswer({ history: { stillOpen: 9, newKeys: [] } }));

const VOID = new Set(['meta', 'br', 'input', 'link', 'img', 'hr']);

/** Checks that every element is closed in order (a coarse well-formedness check, no parser needed). */
function unbalanced(doc: string): string[] {
  const stack: string[] = [];
  const problems: string[] = [];
  for (const m of doc.replace(/<!DOCTYPE html>/i, '').matchAll(/<(\/?)([a-zA-Z][\w-]*)[^>]*?(\/?)>/g)) {
    const [, closing, name, selfClosing] = m;
    const tag = name!.toLowerCase();
    if (VOID.has(tag) || selfClosing) continue;
    if (!closing) stack.push(tag);
    else if (stack.pop() !== tag) problems.push(`</${tag}> at ${m.index}`);
  }
  return [...problems, ...stack.map((t) => `<${t}> not closed`)];
}

function inline(tag: 'style' | 'script'): string[] {
  return [...html.matchAll(new RegExp(`<${tag}>([\\s\\S]*?)</${tag}>`, 'g'))].map((m) => m[1]!);
}

describe('renderDailyHtml', () => {
  it('is one well-formed document', () => {
    expect(html.startsWith('<!DOCTYPE html>')).toBe(true);
    expect(unbalanced(html)).toEqual([]);
  });

  it('loads nothing: no external URL, and a CSP that allows only its own inline style and script', () => {
    expect(html).not.toMatch(/\b(src|href)\s*=\s*"(?!#)/i);
    expect(html).not.toMatch(/url\(|@import/i);
    // The only URL is the SVG namespace, which is a name, not something fetched.
    expect([...html.matchAll(/https?:\/\/[^\s"'<)]+/g)].map((m) => m[0])).toEqual(expect.arrayContaining([]));
    for (const url of html.matchAll(/https?:\/\/[^\s"'<)]+/g))
      expect(url[0]).toBe('http://www.w3.org/2000/svg');
    expect(html).toContain(`<meta http-equiv="Content-Security-Policy" content="${h(DAILY_HTML_CSP)}">`);
    expect(DAILY_HTML_CSP).toContain("default-src 'none'");
    const [style] = inline('style');
    const [script] = inline('script');
    expect(inline('style')).toHaveLength(1);
    expect(inline('script')).toHaveLength(1);
    const hash = (s: string) => `'sha256-${createHash('sha256').update(s).digest('base64')}'`;
    expect(DAILY_HTML_CSP).toContain(`style-src ${hash(style!)}`);
    expect(DAILY_HTML_CSP).toContain(`script-src ${hash(script!)}`);
    // No inline style attributes or event handlers, which the policy would block.
    expect(html).not.toMatch(/\sstyle="/);
    expect(html).not.toMatch(/\son[a-z]+="/);
  });

  it('escapes a resource name that is an HTML injection', () => {
    expect(html).not.toContain(INJECTED_NAME);
    expect(html).not.toContain('<script>alert');
    expect(html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;');
  });

  it('never holds a secret', () => {
    expect(html).not.toContain(SECRET);
  });

  it('draws the charts and a filterable table of every finding with its remediation', () => {
    expect(html.match(/<svg /g)).toHaveLength(4);
    expect(html).toContain('aria-label="Open findings per account and category"');
    for (const id of ['f-severity', 'f-category', 'f-account', 'f-state', 'f-text'])
      expect(html).toContain(`id="${id}"`);
    const rows = html.match(/<tr data-severity=/g) ?? [];
    expect(rows).toHaveLength(sampleAnswer().findings.length);
    expect(html).toContain('data-state="error"');
    expect(html).toContain('<pre><code>aws ec2 revoke-security-group-ingress --group-id &lt;sg-id&gt;');
    expect(html).toContain('<p>Terraform</p><pre><code>ingress {');
  });

  it('says what was not evaluated, and what changed', () => {
    expect(html).toContain('<h2 id="not-evaluated">Not evaluated</h2>');
    expect(html).toContain('Fn::ImportValue shared-vpc-id');
    for (const a of PENDING_ANALYSES) expect(html).toContain(a.analysis);
    expect(html).not.toContain('cost pricing');
    expect(html).toContain('Since run #1 (2026-05-31 06:00 UTC): 0 new, 0 resolved, 9 still open.');
  });
});
