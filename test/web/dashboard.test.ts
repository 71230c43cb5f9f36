/**
 * The dashboard in real Chromium against the real server over the demo organisation: every page
 * loads without console errors and without serious accessibility violations (axe-core), each page's
 * screenshot is saved under test-artifacts/screenshots/, a reach query asked on the Network page
 * marks the path on the map, and filtering then suppressing a finding round-trips to the
 * configuration file.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { parse } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FindingsResponse } from '../../src/server/api.js';
import {
  axe,
  chromiumPresent,
  collectErrors,
  screenshotDir,
  serious,
  settled,
  startHarness,
  type Harness,
} from './harness.js';

/** Each page and an element that is there only once its data has arrived. */
const PAGES = [
  ['overview', '#top-h'],
  ['findings', '[role=table]'],
  ['compliance', 'table.controls'],
  ['network', 'svg.vpc-map'],
  ['iam', '#esc-h'],
  ['logs', 'main h2'],
  ['cost', '#waste-h'],
] as const;

describe.skipIf(!chromiumPresent)('dashboard in Chromium', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => {
    await h?.close();
  });

  async function open(hash: string): Promise<{ page: Page; errors: string[] }> {
    const context = await h.browser.newContext({ viewport: { width: 1400, height: 1000 } });
    const page = await context.newPage();
    const errors = collectErrors(page);
    await page.goto(`${h.server.url}#/${hash}`);
    await settled(page);
    return { page, errors };
  }

  for (const [name, ready] of PAGES) {
    it(`${name}: loads with no console error and no serious accessibility violation`, async () => {
      const { page, errors } = await open(name);
      await page.waitForSelector(ready);
      await settled(page);
      await page.screenshot({ path: join(screenshotDir, `${name}.png`), fullPage: true });
      const violations = await axe(page);
      expect(serious(violations)).toEqual([]);
      expect(errors).toEqual([]);
      await page.context().close();
    });
  }

  it('network: a reach query marks the path on the map, and a blocked one names the blocking route table', async () => {
    const { page, errors } = await open('network');
    await page.waitForSelector('svg.vpc-map');
    await page.getByLabel('From', { exact: true }).fill('dev-ci-runner');
    await page.getByLabel('To', { exact: true }).fill('prod-api-1');
    await page.getByLabel('Port', { exact: true }).fill('8080');
    await page.getByRole('button', { name: 'Run reach' }).click();
    await page.waitForSelector('.reach-result');
    expect(await page.locator('#verdict-h').textContent()).toBe('Reachable');
    const returnHops = await page.getByRole('list', { name: 'Return path' }).locator('li').allTextContents();
    expect(returnHops.some((t) => t.includes('prod-main-rt'))).toBe(true);
    // Both instances and the dev-to-prod peering are drawn marked on the map.
    const marked = await page
      .locator('svg.vpc-map g.node[data-mark=path]')
      .evaluateAll((nodes) => nodes.map((n) => n.querySelector('title')?.textContent ?? ''));
    expect(marked.some((t) => t.startsWith('dev-ci-runner'))).toBe(true);
    expect(marked.some((t) => t.startsWith('prod-api-1'))).toBe(true);
    expect(await page.locator('svg.vpc-map g.edge.mark-path title').allTextContents()).toEqual([
      expect.stringContaining('dev-to-prod'),
    ]);
    await page.screenshot({ path: join(screenshotDir, 'network-reach.png'), fullPage: true });

    await page.getByLabel('To', { exact: true }).fill('prod-etl-1');
    await page.getByRole('button', { name: 'Run reach' }).click();
    await page.waitForSelector('#verdict-h:text-is("Not reachable")');
    const blocks = await page.getByRole('list', { name: 'What blocks' }).locator('li').allTextContents();
    expect(blocks).toHaveLength(1);
    expect(blocks[0]).toMatch(/^NO_ROUTE_TO_DESTINATION at prod-analytics-rt/);
    expect(blocks[0]).toContain('10.1.0.0/16');
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('findings: grouping by rule lists the rules, and opening a group filters by its rule', async () => {
    const { page, errors } = await open('findings?groupBy=rule&status=open');
    await page.waitForSelector('.vbody [role=row]:not(.pending)');
    const api = (await (
      await fetch(new URL('/api/findings?groupBy=rule&status=open&limit=1', h.server.url))
    ).json()) as FindingsResponse;
    const group = api.groups![0]!;
    expect(await page.locator('.vbody [role=row]').first().textContent()).toContain(group.label);
    await page.locator('.vbody [role=row]').first().press('Enter');
    await expect.poll(() => new URL(page.url()).hash).toContain(`rule=${group.ruleId}`);
    await page.waitForSelector(`.summary strong:text-is("${group.count.toLocaleString('en-US')}")`);
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('findings: a filter narrows the table as the API does, and a suppression is written to the file', async () => {
    const { page, errors } = await open('findings');
    await page.getByLabel('Severity', { exact: true }).selectOption('high');
    await page.getByLabel('Status', { exact: true }).selectOption('open');
    await expect
      .poll(() => new URL(page.url()).hash)
      .toMatch(/severity=high.*status=open|status=open.*severity=high/);
    await settled(page);
    const api = (await (
      await fetch(new URL('/api/findings?severity=high&status=open&limit=1', h.server.url))
    ).json()) as FindingsResponse;
    expect(api.total).toBeGreaterThan(0);
    await page.waitForSelector(`.summary strong:text-is("${api.total.toLocaleString('en-US')}")`);
    const severities = await page.locator('.vbody [role=row] [role=cell]:first-child').allTextContents();
    expect(severities.length).toBeGreaterThan(0);
    expect(new Set(severities)).toEqual(new Set(['high']));

    // Open the first finding and suppress it.
    const first = api.items[0]!;
    await page.locator('.vbody [role=row]').first().click();
    await page.waitForSelector('#suppress-h');
    await page.getByLabel('Reason', { exact: true }).fill('accepted until the migration');
    await page.getByLabel('Expires', { exact: true }).fill('2099-12-31');
    await page.getByRole('button', { name: 'Suppress' }).click();
    await page.waitForSelector('.detail .suppress-written');
    const written = parse(readFileSync(h.configFile, 'utf8')) as {
      suppressions: Array<Record<string, string>>;
    };
    expect(written.suppressions).toEqual([
      expect.objectContaining({
        rule: first.ruleId,
        account: first.resource.account,
        reason: 'accepted until the migration',
        expires: '2099-12-31',
      }),
    ]);
    // The table no longer counts it as open, and the suppressed view lists it.
    await page.waitForSelector(`.summary strong:text-is("${(api.total - 1).toLocaleString('en-US')}")`);
    await page.getByLabel('Status', { exact: true }).selectOption('suppressed');
    await settled(page);
    await page.waitForSelector('.vbody [role=row]');
    expect(await page.locator('.vbody [role=row]').first().textContent()).toContain(first.ruleId);
    await page.screenshot({ path: join(screenshotDir, 'findings-suppressed.png'), fullPage: true });
    expect(errors).toEqual([]);
    await page.context().close();
  });
});
