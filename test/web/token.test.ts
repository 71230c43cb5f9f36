/**
 * Exposed mode in a real browser: bound beyond loopback, the dashboard answers 401 to a page load
 * without the token, and works after the first load presents `?token=` (the server moves it into a
 * cookie and out of the address bar).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../../src/server/index.js';
import { chromiumPresent, collectErrors, settled, startHarness, webRoot, type Harness } from './harness.js';

describe.skipIf(!chromiumPresent)('dashboard token when exposed', () => {
  let h: Harness;
  let exposed: RunningServer;
  beforeAll(async () => {
    h = await startHarness();
    // The same loaded state, served again on all interfaces: the token is now required.
    exposed = await startServer({ host: '0.0.0.0', port: 0, state: h.server.state, webRoot });
  });
  afterAll(async () => {
    await exposed?.close();
    await h?.close();
  });

  const local = () => `http://127.0.0.1:${exposed.port}/`;

  it('refuses the page and the API without the token', async () => {
    expect(exposed.exposed).toBe(true);
    const context = await h.browser.newContext();
    const page = await context.newPage();
    const response = await page.goto(`${local()}#/findings`);
    expect(response?.status()).toBe(401);
    expect(await page.textContent('body')).toContain('token');
    const api = await page.evaluate(async () => (await fetch('/api/meta')).status);
    expect(api).toBe(401);
    await context.close();
  });

  it('serves the dashboard once the first load presented the token', async () => {
    const context = await h.browser.newContext();
    const page = await context.newPage();
    const errors = collectErrors(page);
    await page.goto(`${local()}?token=${encodeURIComponent(exposed.token)}#/overview`);
    await settled(page);
    await page.waitForSelector('#top-h');
    // The token left the address bar; the cookie carries it.
    expect(page.url()).not.toContain('token=');
    const cookies = await context.cookies();
    expect(cookies.find((c) => c.name === 'cloudrounds_token')).toMatchObject({
      httpOnly: true,
      sameSite: 'Strict',
    });
    expect(errors).toEqual([]);
    // A wrong token is refused.
    const other = await h.browser.newContext();
    const stranger = await other.newPage();
    const refused = await stranger.goto(`${local()}?token=not-the-token`);
    expect(refused?.status()).toBe(401);
    await other.close();
    await context.close();
  });
});
