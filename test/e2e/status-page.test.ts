import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { type Emulator, startEmulator } from '@discloop/emulator';
import { type BrowserContext, chromium, type Locator } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startMetricsRun } from '../helpers/metrics-run.js';

/** Debian's chromium (apt-get install chromium); .ci/run installs it, so CI always has it. */
const CHROMIUM = '/usr/bin/chromium';
const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
/** `UPDATE_SCREENSHOT=1 npx vitest run test/e2e/status-page.test.ts` rewrites the README's picture. */
const SCREENSHOT = process.env.UPDATE_SCREENSHOT
  ? path.resolve('docs/status-page.png')
  : path.join(tmpdir(), 'discloop-status-page.png');

const LOOPS = `loops:
  - name: voice-report
    action: list-voice
    seconds: 2
  - name: member-counter
    action: rename-channel
    with: { channel: Town Hall, guild: Alpha Guild, name: "Members: {guild.memberCount}" }
    minutes: 10
  - name: announce
    action: send-message
    with: { channel: announcements, guild: Alpha Guild, content: "<b>{guild.name}</b>" }
    minutes: 5
  - name: morning-digest
    action: send-message
    with: { channel: general, guild: Alpha Guild, content: "Good morning" }
    time: "09:00"
    timezone: Europe/Berlin
    count: 30
`;

/** What a person sees of an element: its rendered text (Playwright's, not the DOM property). */
// biome-ignore lint/performance/useDomNodeTextContent: rendered text is the point of this test
const shown = (locator: Locator) => locator.innerText();

/** The page polls every 3 s: give what it shows time to change. */
const eventually = <T>(read: () => Promise<T>) =>
  expect.poll(read, { timeout: 15_000, interval: 100 });

const skip = !existsSync(CHROMIUM) && !process.env.CI;

/** A loop whose error quotes markup from the config: the page must show it as text. */
const MARKUP = '<img src=x onerror="window.pwned=1"><b>bold</b>';
const HOSTILE = `loops:
  - name: greeting
    action: send-message
    with: { channel: '${MARKUP}', guild: Alpha Guild, content: hi }
    seconds: 1
`;

let emu: Emulator | undefined;
let context: BrowserContext;
let profile: string;
beforeAll(async () => {
  if (skip) return;
  // A fresh, empty profile each time: nothing from an earlier run can change what is shown.
  profile = await mkdtemp(path.join(tmpdir(), 'discloop-chromium-'));
  context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: ARGS,
    viewport: { width: 1100, height: 420 },
  });
});
afterAll(async () => {
  await context?.close();
  if (profile) await rm(profile, { recursive: true, force: true });
});
afterEach(() => emu?.close());

describe.skipIf(skip)('the status page, in headless Chromium', () => {
  it('shows each loop, its outcome and error, and the gateway, and follows them as they change', async () => {
    emu = await startEmulator({ heartbeatIntervalMs: 1000 });
    const { cli, url } = await startMetricsRun(emu, LOOPS, ['--health-grace', '1s']);
    const page = await context.newPage();
    const blocked: string[] = [];
    page.on('request', (request) => {
      if (!request.url().startsWith(url)) blocked.push(request.url());
    });
    await page.goto(url);

    const rows = page.locator('#loops tr');
    await eventually(() => rows.count()).toBe(4);
    const row = (name: string) =>
      rows.filter({ has: page.getByRole('cell', { name, exact: true }) });
    await eventually(() => shown(row('announce'))).toContain('failed');
    expect(await shown(row('announce'))).toContain('missing_permissions');
    await eventually(() => shown(row('voice-report'))).toContain('ok');
    expect(await shown(row('voice-report'))).toContain('every 2s');
    expect(await shown(row('morning-digest'))).toMatch(/every day at 09:00 \(Europe\/Berlin\)/);
    expect(await shown(row('morning-digest'))).toContain('0/30');
    expect(await shown(page.locator('#ready'))).toBe('ready');
    await eventually(() => shown(page.locator('#gateway'))).toMatch(/shard 0 connected/);

    // The page polls: an outage and the runs meanwhile show up without a reload.
    const runsBefore = await shown(row('voice-report').locator('td').nth(3));
    emu.gatewayOutage({ durationMs: 60_000, refuse: 'unavailable' });
    await eventually(() => shown(page.locator('#gateway'))).toMatch(/shard 0 disconnected/);
    await eventually(() => shown(row('voice-report').locator('td').nth(3))).not.toBe(runsBefore);
    emu.endGatewayOutage();
    await eventually(() => shown(page.locator('#gateway'))).toMatch(/shard 0 connected/);

    await mkdir(path.dirname(SCREENSHOT), { recursive: true });
    await page.screenshot({ path: SCREENSHOT, fullPage: true });
    expect((await readFile(SCREENSHOT)).subarray(1, 4).toString()).toBe('PNG');
    expect(blocked).toEqual([]);
    expect(await page.content()).not.toContain(emu.token);

    cli.child.kill('SIGTERM');
    expect((await cli.exit).code).toBe(0);
    await page.close();
  }, 60_000);

  it('shows markup quoted in an error as text, and runs none of it', async () => {
    emu = await startEmulator({ heartbeatIntervalMs: 1000 });
    const { cli, url } = await startMetricsRun(emu, HOSTILE);
    const page = await context.newPage();
    await page.goto(url);
    const error = page.locator('#loops td.error');
    await eventually(() => shown(error)).toContain(MARKUP);
    expect(await page.locator('#loops img, #loops b').count()).toBe(0);
    expect(await page.evaluate(() => (globalThis as { pwned?: number }).pwned)).toBeUndefined();
    cli.child.kill('SIGTERM');
    expect((await cli.exit).code).toBe(0);
    await page.close();
  });
});
