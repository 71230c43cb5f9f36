import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { buildNetwork, reach, type Endpoint } from '../../src/network/index.js';
import { loadSource } from '../../src/sources/index.js';
const dir = 'test/network/scenarios';
const ep = (t: string): Endpoint =>
  t === 'internet'
    ? { kind: 'internet' }
    : /^\d+\.\d+\.\d+\.\d+$/.test(t)
      ? { kind: 'ip', ip: t }
      : { kind: 'resource', id: t };
const out: string[] = [];
it('peek', async () => {
  for (const f of readdirSync(dir)
    .filter((f) => f.endsWith('.expect.json'))
    .sort()) {
    const name = f.replace('.expect.json', '');
    const src = existsSync(join(dir, name + '.yaml')) ? join(dir, name + '.yaml') : join(dir, name);
    const exp = JSON.parse(readFileSync(join(dir, f), 'utf8'));
    const snap = await loadSource(src, { region: 'eu-west-1' } as never);
    const m = buildNetwork(snap);
    for (const q of exp.queries) {
      const a = reach(m, {
        from: ep(q.from),
        to: ep(q.to),
        protocol: q.protocol,
        ...(q.port ? { port: q.port } : {}),
      });
      const codes = a.explanations.map((e) => e.code);
      const ok = a.reachable === q.reachable && q.codes.every((c: string) => codes.includes(c));
      out.push(
        `${ok ? 'OK  ' : 'FAIL'} ${name}: ${q.from} -> ${q.to} ${q.protocol}/${q.port ?? ''} expected ${q.reachable} ${q.codes} got ${a.reachable} ${a.explanations.map((e) => `${e.code}@${e.component.id}: ${e.detail}`).join(' | ')}`,
      );
    }
  }
  writeFileSync('/tmp/gen/peek.txt', out.join('\n'));
});
