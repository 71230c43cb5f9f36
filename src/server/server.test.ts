import { mkdtempSync, mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { parseConfig } from '../engine/index.js';
import { API, API_PATHS, CSRF_HEADER, CSRF_META, ROUTES, TOKEN_COOKIE, type ApiName } from './api.js';
import { startServer, type RunningServer } from './index.js';

const DEV = '333344445555';
const PROD = '444455556666';

let dir: string;
let web: string;
let configFile: string;
let server: RunningServer;

const CONFIG = `# Accepted risks, reviewed every quarter.
suppressions:
  # The scratch bucket is rebuilt nightly.
  - rule: s3-bucket-versioning-enabled
    resource: "scratch-*"
    reason: Scratch data, rebuilt nightly
    expires: 2099-12-31
`;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'cloudrounds-serve-'));
  web = join(dir, 'web');
  mkdirSync(join(web, 'assets'), { recursive: true });
  writeFileSync(
    join(web, 'index.html'),
    '<!doctype html><html><head><title>t</title></head><body><div id="root"></div></body></html>',
  );
  writeFileSync(join(web, 'assets', 'app-123.js'), 'console.log(1);');
  writeFileSync(join(web, 'assets', 'app-123.css'), 'body{}');
  writeFileSync(join(dir, 'secret.txt'), 'outside');
  symlinkSync(join(dir, 'secret.txt'), join(web, 'assets', 'leak.txt'));
  configFile = join(dir, '.cloudrounds.yaml');
  writeFileSync(configFile, CONFIG);
  server = await startServer({ port: 0, db: false, configFile, webRoot: web });
}, 120_000);

afterAll(async () => {
  await server?.close();
  rmSync(dir, { recursive: true, force: true });
});

interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
  json: () => unknown;
}

/** A raw HTTP request: paths are sent exactly as given (fetch would normalise `..`). */
function http(
  path: string,
  options: { method?: string; headers?: Record<string, string>; body?: string; port?: number } = {},
): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port: options.port ?? server.port,
        path,
        method: options.method ?? 'GET',
        headers: options.headers ?? {},
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          resolve({ status: res.statusCode ?? 0, headers: res.headers, text, json: () => JSON.parse(text) });
        });
      },
    );
    req.on('error', reject);
    if (options.body !== undefined) req.write(options.body);
    req.end();
  });
}

function get(path: string): Promise<Reply> {
  return http(path);
}

function post(path: string, body: unknown, headers: Record<string, string> = {}): Promise<Reply> {
  return http(path, {
    method: 'POST',
    body: JSON.stringify(body),
    headers: { 'content-type': 'application/json', [CSRF_HEADER]: server.csrf, ...headers },
  });
}

/** Parses a 200 response with the route's response schema and returns the typed answer. */
function ok<K extends ApiName>(name: K, reply: Reply): z.output<(typeof API)[K]['response']> {
  expect(reply.status, reply.text.slice(0, 500)).toBe(200);
  return (API[name].response as unknown as z.ZodType<z.output<(typeof API)[K]['response']>>).parse(
    reply.json(),
  );
}

function query(params: Record<string, string | number>): string {
  return new URLSearchParams(
    Object.entries(params).map(([k, v]): [string, string] => [k, String(v)]),
  ).toString();
}

describe('API on the demo organisation', () => {
  it('meta: what was loaded and what the page may ask', async () => {
    const m = ok('meta', await get(ROUTES.meta));
    expect(m.source.kind).toBe('demo');
    expect(m.exposed).toBe(false);
    expect(m.features).toEqual({ store: false, logs: false, spend: true });
    expect(m.snapshot.accounts.map((a) => a.id)).toContain(PROD);
    expect(m.frameworks.map((f) => f.id)).toEqual(['cis-aws-v5.0', 'aws-fsbp', 'pci-dss-v4.0']);
    expect(m.rules.length).toBeGreaterThan(200);
    expect(m.configFile).toBe(configFile);
  });

  it('overview: the daily document, top ten and health findings resolved', async () => {
    const o = ok('overview', await get(ROUTES.overview));
    expect(o.daily.source.kind).toBe('demo');
    expect(o.topTen.map((f) => f.key)).toEqual(o.daily.topTen);
    expect(o.health.map((f) => f.key)).toEqual(o.daily.health.failing);
    expect(o.health.length).toBeGreaterThan(0);
    expect(o.daily.totals.open).toBeGreaterThan(10);
    expect(o.daily.cost?.waste.items.length).toBeGreaterThan(0);
  });

  it('findings: filters, facets and pagination agree with each other', async () => {
    const all = ok('findings', await get(`${ROUTES.findings}?limit=1000`));
    expect(all.total).toBe(all.totalFindings);
    const high = ok('findings', await get(`${ROUTES.findings}?severity=critical,high&status=open&limit=5`));
    expect(high.items.length).toBeLessThanOrEqual(5);
    expect(high.total).toBe((high.facets.severity.critical ?? 0) + (high.facets.severity.high ?? 0));
    expect(high.items.every((f) => ['critical', 'high'].includes(f.severity) && !f.suppressed)).toBe(true);
    const page2 = ok(
      'findings',
      await get(`${ROUTES.findings}?severity=critical,high&status=open&limit=5&offset=5`),
    );
    expect(page2.items[0]?.key).not.toBe(high.items[0]?.key);

    const prod = ok('findings', await get(`${ROUTES.findings}?account=${PROD}&category=security&limit=1000`));
    expect(prod.total).toBeGreaterThan(0);
    expect(prod.items.every((f) => f.resource.account === PROD && f.category === 'security')).toBe(true);

    const rule = prod.items[0]!.ruleId;
    const byRule = ok('findings', await get(`${ROUTES.findings}?rule=${rule}&limit=1000`));
    expect(byRule.items.every((f) => f.ruleId === rule)).toBe(true);

    const control = ok('findings', await get(`${ROUTES.findings}?control=aws-fsbp:S3.8&limit=1000`));
    expect(control.items.every((f) => f.controls.includes('aws-fsbp:S3.8'))).toBe(true);
    const cis = ok('findings', await get(`${ROUTES.findings}?control=cis-aws-v5.0&limit=1000`));
    expect(cis.items.every((f) => f.controls.some((c) => c.startsWith('cis-aws-v5.0:')))).toBe(true);
    expect(cis.total).toBeGreaterThan(control.total);

    const text = ok('findings', await get(`${ROUTES.findings}?q=0.0.0.0/0&limit=1000`));
    expect(text.total).toBeGreaterThan(0);
    const special = ok('findings', await get(`${ROUTES.findings}?q=${encodeURIComponent('(*[')}`));
    expect(special.total).toBe(0);
  });

  it('findings: grouped by rule and by resource', async () => {
    const byRule = ok('findings', await get(`${ROUTES.findings}?groupBy=rule&status=open&limit=1000`));
    const open = ok('findings', await get(`${ROUTES.findings}?status=open&limit=1`));
    expect(byRule.items).toEqual([]);
    expect(byRule.groups!.reduce((n, g) => n + g.count, 0)).toBe(open.total);
    expect(byRule.totalGroups).toBe(byRule.groups!.length);
    const counts = byRule.groups!.map((g) => g.count);
    expect(counts).toEqual([...counts].sort((a, b) => b - a));

    const byResource = ok('findings', await get(`${ROUTES.findings}?groupBy=resource&limit=3`));
    expect(byResource.groups).toHaveLength(3);
    const g = byResource.groups![0]!;
    const one = ok(
      'findings',
      await get(`${ROUTES.findings}?resource=${encodeURIComponent(g.resource!.id)}&limit=1000`),
    );
    expect(one.items.filter((f) => f.resource.type === g.resource!.type).length).toBe(g.count);
  });

  it('finding detail: reason, the rule remediation with IaC snippets, a suppression draft', async () => {
    const list = ok('findings', await get(`${ROUTES.findings}?rule=s3-bucket-versioning-enabled&limit=1`));
    const key = list.items[0]!.key;
    const d = ok('finding', await get(`${ROUTES.finding}?key=${key}`));
    expect(d.finding.key).toBe(key);
    expect(d.finding.reason.length).toBeGreaterThan(10);
    expect(d.rule?.id).toBe('s3-bucket-versioning-enabled');
    expect(d.rule?.remediation.cloudformation ?? d.rule?.remediation.terraform).toBeTruthy();
    expect(d.suppressDraft.rule).toBe('s3-bucket-versioning-enabled');
    expect((await get(`${ROUTES.finding}?key=${'0'.repeat(32)}`)).status).toBe(404);
  });

  it('compliance: framework, control, pass / fail / not evaluated', async () => {
    const c = ok('compliance', await get(`${ROUTES.compliance}?framework=aws-fsbp`));
    expect(c.frameworks).toHaveLength(1);
    const fw = c.frameworks[0]!;
    expect(fw.totals.pass + fw.totals.fail + fw.totals.not_evaluated).toBe(fw.controls.length);
    expect(fw.totals.fail).toBeGreaterThan(0);
    expect(fw.totals.pass).toBeGreaterThan(0);
    const s3v = fw.controls.find((x) => x.id === 'S3.14');
    expect(s3v?.rules.map((r) => r.id)).toContain('s3-bucket-versioning-enabled');
    for (const control of fw.controls) {
      if (control.status === 'fail') expect(control.rules.some((r) => r.failing > 0)).toBe(true);
      if (control.rules.length === 0) expect(control.status).toBe('not_evaluated');
    }
    const all = ok('compliance', await get(ROUTES.compliance));
    expect(all.frameworks).toHaveLength(3);
    expect((await get(`${ROUTES.compliance}?framework=nope`)).status).toBe(400);
  });

  it('network: laid-out VPC diagram, reach with the path or the blocking rule, exposure', async () => {
    const d = ok('diagram', await get(`${ROUTES.diagram}?account=${DEV}`));
    expect(d.layout.nodes.some((n) => n.kind === 'vpc')).toBe(true);
    expect(d.layout.nodes.some((n) => n.kind === 'subnet')).toBe(true);
    expect(d.layout.width).toBeGreaterThan(0);
    const ids = new Set(d.layout.nodes.map((n) => n.id));
    for (const n of d.layout.nodes) if (n.parent !== null) expect(ids.has(n.parent)).toBe(true);

    const open = ok(
      'reach',
      await get(`${ROUTES.reach}?${query({ from: 'internet', to: 'dev-bastion', port: 22 })}`),
    );
    expect(open.reachable).toBe(true);
    expect(open.forward.length).toBeGreaterThan(1);
    const db = ok(
      'reach',
      await get(`${ROUTES.reach}?${query({ from: 'internet', to: 'dev-app-mysql', port: 3306 })}`),
    );
    expect(db.reachable).toBe(false);
    expect(db.explanations.length).toBeGreaterThan(0);

    const e = ok('exposure', await get(ROUTES.exposure));
    expect(e.exposures.length).toBeGreaterThan(0);
  });

  it('IAM: simulate, who-can and escalation', async () => {
    const sim = ok(
      'simulate',
      await post(ROUTES.simulate, {
        principal: 'alice.dev',
        action: 'lambda:CreateFunction',
        resource: `arn:aws:lambda:us-east-1:${DEV}:function:x`,
        context: { 'lambda:VpcIds': 'prod-vpc' },
      }),
    );
    expect(sim.decision).toBe('ExplicitDeny');
    const who = ok(
      'whoCan',
      await post(ROUTES.whoCan, {
        action: 'sts:AssumeRole',
        resource: `arn:aws:iam::${PROD}:role/prod-deploy-legacy`,
      }),
    );
    expect(who.principals.map((p) => p.name)).toContain('ci-deployer');
    const esc = ok('escalation', await get(ROUTES.escalation));
    expect(esc.paths.length).toBeGreaterThan(0);
  });

  it('cost: waste with $/month, spend with anomalies, commitment advice', async () => {
    const c = ok('cost', await get(ROUTES.cost));
    expect(c.waste.items.some((i) => i.monthly !== null && i.monthly > 0)).toBe(true);
    expect(c.spend).not.toBeNull();
    expect(c.spend!.anomalies.anomalies.length).toBeGreaterThan(0);
  });

  it('logs: unavailable without a store holding logs', async () => {
    const r = await get(`${ROUTES.logQuestion}?question=timeline&principal=alice`);
    expect(r.status).toBe(409);
    expect(r.json()).toMatchObject({ error: 'unavailable' });
    expect((await get(ROUTES.detections)).status).toBe(409);
    expect((await post(ROUTES.logQuery, { sql: 'SELECT 1' })).status).toBe(409);
  });

  it('every route is listed in the contract and answers', () => {
    expect(new Set(Object.values(API_PATHS))).toEqual(new Set(Object.values(ROUTES)));
  });
});

describe('bad requests', () => {
  it('get 400 with the zod issue', async () => {
    const r = await get(`${ROUTES.findings}?severity=urgent`);
    expect(r.status).toBe(400);
    const body = r.json() as { error: string; issues: Array<{ path: unknown[] }> };
    expect(body.error).toBe('bad-request');
    expect(body.issues[0]!.path).toEqual(['severity', 0]);

    const unknown = await get(`${ROUTES.findings}?colour=red`);
    expect(unknown.status).toBe(400);

    const port = await get(`${ROUTES.reach}?from=internet&to=dev-bastion`);
    expect(port.status).toBe(400);
    expect((port.json() as { issues: Array<{ path: unknown[] }> }).issues[0]!.path).toEqual(['port']);

    const action = await post(ROUTES.simulate, { principal: 'alice.dev', action: 'nope', resource: '*' });
    expect(action.status).toBe(400);
    expect((action.json() as { issues: Array<{ path: unknown[] }> }).issues[0]!.path).toEqual(['action']);
  });

  it('a question that rejects its input (an unknown REF) is a 400 naming the parameter', async () => {
    const r = await get(`${ROUTES.reach}?${query({ from: 'no-such-thing', to: 'dev-bastion', port: 22 })}`);
    expect(r.status).toBe(400);
    expect(r.json()).toMatchObject({ error: 'bad-request', path: '--from' });
  });

  it('unknown routes, wrong methods and non-JSON bodies', async () => {
    expect((await get('/api/nope')).status).toBe(404);
    expect(
      (await http(ROUTES.findings, { method: 'POST', headers: { [CSRF_HEADER]: server.csrf } })).status,
    ).toBe(405);
    const text = await http(ROUTES.simulate, {
      method: 'POST',
      body: 'principal=x',
      headers: { 'content-type': 'text/plain', [CSRF_HEADER]: server.csrf },
    });
    expect(text.status).toBe(400);
    const broken = await http(ROUTES.simulate, {
      method: 'POST',
      body: '{',
      headers: { 'content-type': 'application/json', [CSRF_HEADER]: server.csrf },
    });
    expect(broken.status).toBe(400);
  });
});

describe('security', () => {
  it('sets a strict CSP and the other security headers on pages and API answers', async () => {
    for (const path of ['/', ROUTES.meta, '/api/nope']) {
      const r = await get(path);
      const csp = String(r.headers['content-security-policy']);
      expect(csp).toContain("default-src 'self'");
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).not.toContain('unsafe-inline');
      expect(csp).not.toContain('unsafe-eval');
      expect(r.headers['x-content-type-options']).toBe('nosniff');
      expect(r.headers['referrer-policy']).toBe('no-referrer');
      expect(r.headers['access-control-allow-origin']).toBeUndefined();
    }
  });

  it('serves the front end with content types, and the CSRF value in a meta tag', async () => {
    const page = await get('/');
    expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(page.text).toContain(`<meta name="${CSRF_META}" content="${server.csrf}" />`);
    expect((await get('/findings/some/page')).text).toContain(CSRF_META);
    const js = await get('/assets/app-123.js');
    expect(js.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect((await get('/assets/app-123.css')).headers['content-type']).toBe('text/css; charset=utf-8');
    expect((await get('/assets/missing.js')).status).toBe(404);
  });

  it('refuses path traversal, encoded or not, and symlinks out of the web directory', async () => {
    for (const path of [
      '/../secret.txt',
      '/assets/../../secret.txt',
      '/%2e%2e/secret.txt',
      '/assets/%2e%2e%2f%2e%2e%2fsecret.txt',
      '/..%5csecret.txt',
      '/assets/%00.js',
    ]) {
      const r = await get(path);
      expect(r.status, path).toBeGreaterThanOrEqual(400);
      expect(r.text).not.toContain('outside');
    }
    const link = await get('/assets/leak.txt');
    expect(link.status).toBe(404);
    expect(link.text).not.toContain('outside');
  });

  it('refuses a foreign Host (DNS rebinding)', async () => {
    const r = await http(ROUTES.meta, { headers: { host: 'evil.example:80' } });
    expect(r.status).toBe(403);
    expect((await http(ROUTES.meta, { headers: { host: `localhost:${server.port}` } })).status).toBe(200);
  });

  it('refuses writes without the CSRF header, with a wrong one, or from a foreign Origin', async () => {
    const body = { rule: 'x', resource: 'y', reason: 'z', expires: '2099-01-01' };
    expect((await post(ROUTES.suppressions, body, { [CSRF_HEADER]: '' })).status).toBe(403);
    expect((await post(ROUTES.suppressions, body, { [CSRF_HEADER]: 'guess' })).status).toBe(403);
    const noHeader = await http(ROUTES.suppressions, {
      method: 'POST',
      body: JSON.stringify(body),
      headers: { 'content-type': 'application/json' },
    });
    expect(noHeader.status).toBe(403);
    expect(noHeader.json()).toMatchObject({ error: 'forbidden' });
    const foreign = await post(ROUTES.suppressions, body, { origin: 'http://evil.example' });
    expect(foreign.status).toBe(403);
    const crossSite = await post(ROUTES.suppressions, body, { 'sec-fetch-site': 'cross-site' });
    expect(crossSite.status).toBe(403);
    // Nothing was written.
    expect(readFileSync(configFile, 'utf8')).toBe(CONFIG);
  });

  it('requires the token when bound beyond loopback', async () => {
    const exposed = await startServer({ port: 0, host: '0.0.0.0', state: server.state, webRoot: web });
    try {
      expect(exposed.exposed).toBe(true);
      const port = exposed.port;
      expect((await http(ROUTES.meta, { port })).status).toBe(401);
      expect((await http('/', { port })).status).toBe(401);
      expect((await http(ROUTES.meta, { port, headers: { authorization: 'Bearer wrong' } })).status).toBe(
        401,
      );
      expect(
        (await http(ROUTES.meta, { port, headers: { authorization: `Bearer ${exposed.token}` } })).status,
      ).toBe(200);
      // First page load with ?token= sets an HttpOnly, SameSite=Strict cookie and drops the token from the URL.
      const first = await http(`/?token=${exposed.token}`, { port });
      expect(first.status).toBe(303);
      expect(first.headers.location).toBe('/');
      const cookie = String(first.headers['set-cookie']);
      expect(cookie).toContain(`${TOKEN_COOKIE}=${exposed.token}`);
      expect(cookie).toContain('HttpOnly');
      expect(cookie).toContain('SameSite=Strict');
      const again = await http(ROUTES.meta, {
        port,
        headers: { cookie: `${TOKEN_COOKIE}=${exposed.token}` },
      });
      expect(again.status).toBe(200);
      expect((again.json() as { exposed: boolean }).exposed).toBe(true);
      expect((await http(`/?token=wrong`, { port })).status).toBe(401);
    } finally {
      await exposed.close();
    }
  });
});

describe('suppress', () => {
  it('round-trips to .cloudrounds.yaml, keeping its comments, and suppresses the findings', async () => {
    const before = ok(
      'findings',
      await get(`${ROUTES.findings}?rule=s3-bucket-versioning-enabled&status=open&limit=1000`),
    );
    const target = before.items[0]!;
    const detail = ok('finding', await get(`${ROUTES.finding}?key=${target.key}`));
    const overviewBefore = ok('overview', await get(ROUTES.overview));

    const r = ok(
      'suppress',
      await post(ROUTES.suppressions, {
        ...detail.suppressDraft,
        reason: 'Accepted until the migration',
        expires: '2099-06-30',
      }),
    );
    expect(r.suppressed).toBe(1);
    const text = readFileSync(configFile, 'utf8');
    expect(text).toContain('# Accepted risks, reviewed every quarter.');
    expect(text).toContain('# The scratch bucket is rebuilt nightly.');
    expect(text).toContain('reason: Scratch data, rebuilt nightly');
    const config = parseConfig(text, configFile);
    expect(config.suppressions).toHaveLength(2);
    expect(config.suppressions[1]).toMatchObject({
      rule: 's3-bucket-versioning-enabled',
      resource: detail.suppressDraft.resource,
      account: detail.suppressDraft.account,
      reason: 'Accepted until the migration',
      expires: '2099-06-30',
      line: r.line,
    });

    const after = ok('finding', await get(`${ROUTES.finding}?key=${target.key}`));
    expect(after.finding.suppressed).toMatchObject({
      reason: 'Accepted until the migration',
      expires: '2099-06-30',
    });
    const open = ok(
      'findings',
      await get(`${ROUTES.findings}?rule=s3-bucket-versioning-enabled&status=open&limit=1000`),
    );
    expect(open.total).toBe(before.total - 1);
    const overviewAfter = ok('overview', await get(ROUTES.overview));
    expect(overviewAfter.daily.totals.open).toBe(overviewBefore.daily.totals.open - 1);
    expect(overviewAfter.daily.evaluation.suppressed).toBe(overviewBefore.daily.evaluation.suppressed + 1);

    const list = ok('suppressions', await get(ROUTES.suppressions));
    expect(list.suppressions.map((s) => s.reason)).toEqual([
      'Scratch data, rebuilt nightly',
      'Accepted until the migration',
    ]);
  });

  it('answers after a suppression exactly as a server started with the written file does', async () => {
    // A cost finding (the cost section is priced again) and a security one, suppressed in turn.
    for (const category of ['cost', 'security']) {
      const open = ok('findings', await get(`${ROUTES.findings}?category=${category}&status=open&limit=1`));
      const detail = ok('finding', await get(`${ROUTES.finding}?key=${open.items[0]!.key}`));
      ok(
        'suppress',
        await post(ROUTES.suppressions, {
          ...detail.suppressDraft,
          reason: 'accepted',
          expires: '2099-01-31',
        }),
      );
    }
    const fresh = await startServer({ port: 0, db: false, configFile, webRoot: web });
    try {
      // What differs between two runs of the same evaluation: clocks and the engines' timings.
      const volatile = (o: { daily: Record<string, unknown> }) => {
        const evaluation = o.daily.evaluation as { engines: Array<Record<string, unknown>> };
        return {
          ...o,
          daily: {
            ...o.daily,
            generatedAt: '',
            run: { ...(o.daily.run as object), finishedAt: '', startedAt: '' },
            evaluation: { ...evaluation, engines: evaluation.engines.map((e) => ({ ...e, ms: 0 })) },
          },
        };
      };
      const views = [
        ROUTES.overview,
        `${ROUTES.findings}?limit=200`,
        `${ROUTES.findings}?status=suppressed&limit=200`,
        `${ROUTES.findings}?groupBy=rule&status=open&limit=200`,
        `${ROUTES.findings}?category=cost&limit=200`,
      ];
      for (const view of views) {
        const here = (await get(view)).json() as { daily?: Record<string, unknown> };
        const there = (await http(view, { port: fresh.port })).json() as { daily?: Record<string, unknown> };
        if (here.daily) expect(volatile(here as never)).toEqual(volatile(there as never));
        else expect(here, view).toEqual(there);
      }
    } finally {
      await fresh.close();
    }
  }, 120_000);

  it('refuses a suppression without a reason or with a past expiry', async () => {
    const noReason = await post(ROUTES.suppressions, {
      rule: 'x',
      resource: 'y',
      reason: ' ',
      expires: '2099-01-01',
    });
    expect(noReason.status).toBe(400);
    expect((noReason.json() as { issues: Array<{ path: unknown[] }> }).issues[0]!.path).toEqual(['reason']);
    const past = await post(ROUTES.suppressions, {
      rule: 'x',
      resource: 'y',
      reason: 'r',
      expires: '2001-01-01',
    });
    expect(past.status).toBe(400);
    expect(past.json()).toMatchObject({ path: 'expires' });
  });

  it('creates the file when there is none', async () => {
    const other = join(dir, 'new', '.cloudrounds.yaml');
    mkdirSync(join(dir, 'new'));
    const s = await startServer({ port: 0, db: false, state: server.state, webRoot: web });
    const saved = server.state.configFile;
    s.state.configFile = other;
    try {
      const r = await http(ROUTES.suppressions, {
        port: s.port,
        method: 'POST',
        body: JSON.stringify({ rule: 'iam-*', resource: '*', reason: 'lab', expires: '2099-01-01' }),
        headers: { 'content-type': 'application/json', [CSRF_HEADER]: s.csrf },
      });
      expect(r.status, r.text).toBe(200);
      expect(parseConfig(readFileSync(other, 'utf8'), other).suppressions).toHaveLength(1);
    } finally {
      s.state.configFile = saved;
      await s.close();
    }
  });
});
