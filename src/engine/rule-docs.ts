import { frameworkCoverage, lookupControl } from '../frameworks/index.js';
import type { AnyRule } from '../rules/rule.js';

const HEADER = '<!-- Generated from rule metadata by `npm run docs:rules`. Do not edit. -->';

/** The service folder of a rule: the first segment of its id (`s3` in `s3-bucket-...`). */
export function ruleService(id: string): string {
  return id.slice(0, id.indexOf('-'));
}

/**
 * The rule catalogue as Markdown: `<id>.md` per rule and `README.md` (all rules, and framework
 * coverage computed from the rules' `controls`). Keys are paths relative to `docs/rules/`. The
 * text is formatted by Prettier before it is written or compared.
 */
export function renderRuleDocs(rules: readonly AnyRule[]): Map<string, string> {
  const sorted = [...rules].sort((a, b) => a.id.localeCompare(b.id));
  const docs = new Map<string, string>();
  docs.set('README.md', renderIndex(sorted));
  for (const rule of sorted) docs.set(`${rule.id}.md`, renderRule(rule));
  return docs;
}

function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

function renderRule(rule: AnyRule): string {
  const service = ruleService(rule.id);
  const out = [
    HEADER,
    '',
    `# ${rule.id}`,
    '',
    `**${rule.title}**`,
    '',
    '| | |',
    '| --- | --- |',
    `| Category | ${rule.category} |`,
    `| Severity | ${rule.severity} |`,
    `| Resource types | ${rule.resourceTypes.map((t) => `\`${t}\``).join(', ')} |`,
    `| Source | [src/rules/${service}/${rule.id}.ts](../../src/rules/${service}/${rule.id}.ts) |`,
    '',
    '## Why it matters',
    '',
    rule.rationale,
    '',
    '## Controls',
    '',
  ];
  if (rule.controls.length === 0) out.push('No external control maps to this rule.');
  for (const id of rule.controls) {
    const found = lookupControl(id);
    out.push(`- \`${id}\` ${found ? `— ${found.control.title}` : '(unknown control)'}`);
  }
  out.push('', '## Parameters', '');
  const shape = Object.entries(rule.params.shape);
  if (shape.length === 0) out.push('None.');
  else {
    out.push('| Name | Default | Description |', '| --- | --- | --- |');
    const defaults = rule.defaults as Record<string, unknown>;
    for (const [name, schema] of shape) {
      const description = (schema as { description?: string }).description ?? '';
      out.push(`| \`${name}\` | \`${cell(JSON.stringify(defaults[name]))}\` | ${cell(description)} |`);
    }
    out.push('', `Override in \`.cloudrounds.yaml\` under \`params: { ${rule.id}: { ... } }\`.`);
  }
  out.push('', '## Remediation', '', rule.remediation.text);
  const snippets: Array<[string, string, string | undefined]> = [
    ['AWS CLI', 'sh', rule.remediation.cli],
    ['CloudFormation', 'yaml', rule.remediation.cloudformation],
    ['Terraform', 'hcl', rule.remediation.terraform],
  ];
  for (const [heading, lang, code] of snippets) {
    if (code) out.push('', `### ${heading}`, '', '```' + lang, code.trim(), '```');
  }
  if (rule.references?.length) {
    out.push('', '## References', '', ...rule.references.map((url) => `- <${url}>`));
  }
  return out.join('\n') + '\n';
}

function renderIndex(rules: readonly AnyRule[]): string {
  const out = [
    HEADER,
    '',
    '# Rules',
    '',
    `${rules.length} rules. Each page says what the rule checks, why, the controls it maps to and how to fix a finding.`,
    '',
    '| Rule | Title | Category | Severity | Resource types |',
    '| --- | --- | --- | --- | --- |',
  ];
  for (const r of rules) {
    const types = r.resourceTypes.map((t) => `\`${t}\``).join(', ');
    out.push(`| [${r.id}](${r.id}.md) | ${cell(r.title)} | ${r.category} | ${r.severity} | ${types} |`);
  }
  out.push('', '## Framework coverage', '');
  out.push(
    'A control is covered when at least one rule maps to it. Where the control data lists only part of a standard, the total is of the controls listed.',
    '',
    '| Framework | Version | Covered | Controls listed | Data |',
    '| --- | --- | --- | --- | --- |',
  );
  const coverage = frameworkCoverage(rules);
  for (const { framework, total, covered } of coverage) {
    const data = framework.complete ? 'complete' : 'partial';
    out.push(
      `| ${framework.name} (\`${framework.id}\`) | ${cell(framework.version)} | ${covered.size} | ${total} | ${data} |`,
    );
  }
  for (const { framework, covered } of coverage) {
    if (covered.size === 0) continue;
    out.push(
      '',
      `### ${framework.name}`,
      '',
      framework.source,
      '',
      '| Control | Title | Rules |',
      '| --- | --- | --- |',
    );
    const ids = [...covered.keys()].sort((a, b) => a.localeCompare(b, 'en', { numeric: true }));
    for (const id of ids) {
      const links = covered
        .get(id)!
        .map((r) => `[${r}](${r}.md)`)
        .join(', ');
      out.push(`| ${id} | ${cell(framework.controls[id]?.title ?? '(unknown)')} | ${links} |`);
    }
  }
  return out.join('\n') + '\n';
}
