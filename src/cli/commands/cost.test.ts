import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { binBuilt, binPath, cloudrounds } from '../../../test/e2e/cli.js';
import { projectRoot } from '../../../test/corpora.js';
import { costJsonSchema } from '../../report/daily/cost.js';
import { healthJsonSchema } from '../../report/daily/health.js';
import { dailyJsonSchema } from '../../report/daily/json.js';

/** The executable run asynchronously, so a server in this process can answer it. */
function run(
  args: string[],
  env: Record<string, string> = {},
): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [binPath, ...args], {
      cwd: projectRoot,
      env: { ...process.env, NO_COLOR: '1', ...env },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });
}

const offer = readFileSync(
  fileURLToPath(new URL('../../cost/prices/fixtures/offer-ec2-us-east-1.json', import.meta.url)),
);

describe.skipIf(!binBuilt)('cloudrounds cost, health and prices refresh', () => {
  let server: Server;
  let endpoint = '';
  const requested: string[] = [];

  beforeAll(async () => {
    server = createServer((req, res) => {
      requested.push(req.url ?? '');
      if (req.url === '/offers/v1.0/aws/AmazonEC2/current/us-east-1/index.json') {
        res.writeHead(200, { 'content-type': 'application/json' }).end(offer);
      } else res.writeHead(404).end();
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  it('cost lists priced waste with the monthly total and the demo CUR analyses', () => {
    const home = mkdtempSync(join(tmpdir(), 'cr-home-'));
    const text = cloudrounds(['cost'], { env: { CLOUDROUNDS_HOME: home } });
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(/^cloudrounds cost — waste \$\d+\.\d\d\/month \(730 h\)/);
    expect(text.stdout).toContain('dev-sandbox-old');
    expect(text.stdout).toContain('── ANOMALIES ──');
    const json = cloudrounds(['cost', '--json'], { env: { CLOUDROUNDS_HOME: home } });
    expect(costJsonSchema.safeParse(JSON.parse(json.stdout)).error).toBeUndefined();
  });

  it('cost --cur rejects a file that is not a CUR with exit code 2', () => {
    const r = cloudrounds(['cost', '--cur', 'package.json']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('package.json');
  });

  it('health lists what is unhealthy, with a JSON answer that fits its schema', () => {
    const text = cloudrounds(['health']);
    expect(text.code).toBe(0);
    expect(text.stdout).toContain('── ALARM ──');
    expect(text.stdout).toContain('orders-service-pipeline');
    const json = cloudrounds(['health', '--json']);
    expect(healthJsonSchema.safeParse(JSON.parse(json.stdout)).error).toBeUndefined();
  });

  it('daily shows health first and priced waste, and its JSON carries the cost field', () => {
    const home = mkdtempSync(join(tmpdir(), 'cr-daily-'));
    const r = cloudrounds(['daily', '--no-store', '--json', join(home, 'd.json')], {
      env: { CLOUDROUNDS_HOME: home },
    });
    expect(r.code).toBe(0);
    expect(r.stdout.indexOf('── HEALTH ──')).toBeLessThan(r.stdout.indexOf('── COST ──'));
    expect(r.stdout).not.toContain('cost pricing');
    const doc = dailyJsonSchema.parse(JSON.parse(readFileSync(join(home, 'd.json'), 'utf8')));
    expect(doc.cost?.spend?.anomalies.anomalies[0]?.service).toBe('AWSLambda');
  });

  it('prices refresh fetches offer files and writes price files that cost then uses', async () => {
    const home = mkdtempSync(join(tmpdir(), 'cr-prices-'));
    const r = await run(['prices', 'refresh', '--endpoint', endpoint, '--regions', 'us-east-1'], {
      CLOUDROUNDS_HOME: home,
    });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(requested).toContain('/offers/v1.0/aws/AmazonEC2/current/us-east-1/index.json');
    const ec2 = JSON.parse(readFileSync(join(home, 'prices', 'ec2.json'), 'utf8'));
    expect(ec2).toMatchObject({
      provenance: 'price-list',
      priceDate: '2026-01-01',
      regions: { 'us-east-1': { 'instance:m5.large:Linux': 0.111 } },
    });
    const json = await run(['cost', '--json'], { CLOUDROUNDS_HOME: home });
    const answer = costJsonSchema.parse(JSON.parse(json.stdout));
    expect(answer.prices.provenance).toContain('price-list');
    // Only m5.large us-east-1 is in the refreshed EC2 file: the m5.xlarge sandbox has no price now.
    const sandbox = answer.waste.items.find((i) => i.ruleId === 'ec2-instance-not-idle');
    expect(sandbox).toMatchObject({
      monthly: null,
      note: 'no bundled price for m5.xlarge Linux in us-east-1',
    });
  });
});
