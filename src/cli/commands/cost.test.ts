import { mkdtempSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cloudroundsInProcess } from '../../../test/e2e/cli.js';
import { costJsonSchema } from '../../report/daily/cost.js';
import { healthJsonSchema } from '../../report/daily/health.js';
import { dailyJsonSchema } from '../../report/daily/json.js';

const offer = readFileSync(
  fileURLToPath(new URL('../../cost/prices/fixtures/offer-ec2-us-east-1.json', import.meta.url)),
);

describe('cloudrounds cost, health and prices refresh', () => {
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

  it('cost lists priced waste with the monthly total and the demo CUR analyses', async () => {
    const home = mkdtempSync(join(tmpdir(), 'cr-home-'));
    const text = await cloudroundsInProcess(['cost'], { env: { CLOUDROUNDS_HOME: home } });
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(/^cloudrounds cost — waste \$\d+\.\d\d\/month \(730 h\)/);
    expect(text.stdout).toContain('dev-sandbox-old');
    expect(text.stdout).toContain('── ANOMALIES ──');
    const json = await cloudroundsInProcess(['cost', '--json'], { env: { CLOUDROUNDS_HOME: home } });
    expect(costJsonSchema.safeParse(JSON.parse(json.stdout)).error).toBeUndefined();
  });

  it('cost --cur rejects a file that is not a CUR with exit code 2', async () => {
    const r = await cloudroundsInProcess(['cost', '--cur', 'package.json']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('package.json');
  });

  it('health lists what is unhealthy, with a JSON answer that fits its schema', async () => {
    const text = await cloudroundsInProcess(['health']);
    expect(text.code).toBe(0);
    expect(text.stdout).toContain('── ALARM ──');
    expect(text.stdout).toContain('orders-service-pipeline');
    const json = await cloudroundsInProcess(['health', '--json']);
    expect(healthJsonSchema.safeParse(JSON.parse(json.stdout)).error).toBeUndefined();
  });

  it('daily shows health first and priced waste, and its JSON carries the cost field', async () => {
    const home = mkdtempSync(join(tmpdir(), 'cr-daily-'));
    const r = await cloudroundsInProcess(['daily', '--no-store', '--json', join(home, 'd.json')], {
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
    const r = await cloudroundsInProcess(
      ['prices', 'refresh', '--endpoint', endpoint, '--regions', 'us-east-1'],
      { env: { CLOUDROUNDS_HOME: home } },
    );
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(requested).toContain('/offers/v1.0/aws/AmazonEC2/current/us-east-1/index.json');
    const ec2 = JSON.parse(readFileSync(join(home, 'prices', 'ec2.json'), 'utf8'));
    expect(ec2).toMatchObject({
      provenance: 'price-list',
      priceDate: '2026-01-01',
      regions: { 'us-east-1': { 'instance:m5.large:Linux': 0.111 } },
    });
    const json = await cloudroundsInProcess(['cost', '--json'], { env: { CLOUDROUNDS_HOME: home } });
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
