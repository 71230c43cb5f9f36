/**
 * The Logs page over real CloudTrail (the cloudtrail-invictus corpus) ingested into the history
 * database: the timeline of a principal renders as a time-ordered list, the detections load, and the
 * page passes the same console and accessibility checks as the others. The empty state (no logs) is
 * covered by dashboard.test.ts.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { logIngestSql } from '../../src/logs/ingest-sql.js';
import { openLogStore } from '../../src/store/logs/index.js';
import { corporaPresent, corpusPath } from '../corpora.js';
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

describe.skipIf(!chromiumPresent || !corporaPresent)('Logs page with ingested CloudTrail', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({
      prepare: async (db) => {
        const store = await openLogStore(db);
        await store.ingestPaths([corpusPath('cloudtrail-invictus', 'CloudTrail')], logIngestSql());
        store.close();
      },
    });
  });
  afterAll(async () => {
    await h?.close();
  });

  it('asks the timeline question and lists detections', async () => {
    const context = await h.browser.newContext({ viewport: { width: 1400, height: 1000 } });
    const page = await context.newPage();
    const errors = collectErrors(page);
    await page.goto(`${h.server.url}#/logs`);
    await settled(page);
    await page.waitForSelector('#det-h');
    await page.getByLabel('Question', { exact: true }).selectOption('timeline');
    await page.getByLabel('Principal', { exact: true }).fill('benjamin');
    await page.getByRole('button', { name: 'Ask' }).click();
    const timeline = page.locator('ol.timeline li');
    await timeline.first().waitFor();
    const times = await page.locator('ol.timeline time').allTextContents();
    expect(times.length).toBeGreaterThan(10);
    expect([...times].sort()).toEqual(times);
    await settled(page);
    await page.screenshot({ path: join(screenshotDir, 'logs-timeline.png'), fullPage: true });
    expect(serious(await axe(page))).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  });
});
