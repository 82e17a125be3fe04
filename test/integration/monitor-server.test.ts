import { createServer } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { UsageError } from '../../src/errors.js';
import { type Monitor, startMonitor } from '../../src/service/monitor.js';

const TOKEN = 'MTIzNDU2Nzg5MDEyMzQ1Njc4.GhIjKl.secret-token-for-tests-only_0123456789';
const T0 = Date.UTC(2026, 0, 1, 12, 0, 0);

let monitor: Monitor | undefined;
afterEach(async () => {
  await monitor?.close();
  monitor = undefined;
});

async function start(now = () => T0) {
  monitor = await startMonitor({
    listen: { host: '127.0.0.1', port: 0 },
    healthGraceMs: 30_000,
    loops: [
      {
        name: 'voice-report',
        schedule: { kind: 'interval', everyMs: 10_000 },
        count: 5,
        action: 'list-voice',
      },
      { name: 'morning', schedule: { kind: 'time', times: ['09:00'], timezone: 'UTC' } },
    ],
    now,
    secrets: [TOKEN],
  });
  return monitor;
}

const get = async (m: Monitor, path: string, init?: RequestInit) => {
  const response = await fetch(new URL(path, m.url), init);
  return { status: response.status, headers: response.headers, body: await response.text() };
};

describe('the monitor server (startMonitor on a real port)', () => {
  it('listens where asked and says where (port 0: any free port)', async () => {
    const m = await start();
    expect(m.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    expect(m.url).not.toBe('http://127.0.0.1:0/');
  });

  it('serves /status with the configured loops in words, and the page at /', async () => {
    const m = await start();
    const status = await get(m, '/status');
    expect(status.status).toBe(200);
    expect(status.headers.get('content-type')).toContain('application/json');
    expect(JSON.parse(status.body)).toMatchObject({
      ready: false,
      loops: [
        { name: 'voice-report', schedule: 'every 10s', count: 5, runs: 0 },
        { name: 'morning', schedule: 'every day at 09:00 (UTC)', count: null },
      ],
      shards: [],
    });
    const page = await get(m, '/');
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(page.headers.get('content-security-policy')).toContain("default-src 'none'");
    // Self-contained: nothing is loaded from anywhere.
    expect(page.body).not.toMatch(/\b(src|href)="(https?:)?\/\//);
  });

  it('answers /readyz 503 until the ready event, then 200', async () => {
    const m = await start();
    expect((await get(m, '/readyz')).status).toBe(503);
    m.reporter.report({ type: 'ready', user: { id: '1', username: 'bot' }, guilds: 2 });
    expect(await get(m, '/readyz')).toMatchObject({ status: 200, body: 'ready\n' });
  });

  it('answers /healthz 503 with one line once a shard is down longer than the grace', async () => {
    let now = T0;
    const m = await start(() => now);
    m.reporter.report({ type: 'ready', user: { id: '1', username: 'bot' }, guilds: 2 });
    m.reporter.report({ type: 'disconnect', shard: 0, code: 1006 });
    expect(await get(m, '/healthz')).toMatchObject({ status: 200, body: 'ok\n' });
    now += 31_000;
    const health = await get(m, '/healthz');
    expect(health.status).toBe(503);
    expect(health.body).toBe(
      'shard 0 has been disconnected for 31s, longer than the health grace of 30s\n',
    );
  });

  it('never serves the token, even when a run error carries it', async () => {
    const m = await start();
    m.reporter.report({
      type: 'run',
      loop: 'voice-report',
      action: 'list-voice',
      count: 5,
      iteration: 1,
      scheduledAt: T0,
      startedAt: T0,
      finishedAt: T0 + 5,
      attempts: 1,
      ok: false,
      error: { code: 'internal', message: `Error: bad header Authorization: Bot ${TOKEN}` },
    });
    for (const path of ['/', '/status', '/metrics', '/healthz', '/readyz', '/nope']) {
      const { body, headers } = await get(m, path, { headers: { authorization: `Bot ${TOKEN}` } });
      expect(body, path).not.toContain(TOKEN);
      expect([...headers.values()].join('\n'), path).not.toContain(TOKEN);
    }
    expect(JSON.parse((await get(m, '/status')).body).loops[0].lastError).toEqual({
      code: 'internal',
      message: 'Error: bad header Authorization: Bot [redacted]',
    });
  });

  it('answers unknown paths 404 and other methods 405, echoing nothing of the request', async () => {
    const m = await start();
    const missing = await get(m, '/<script>alert(1)</script>');
    expect(missing.status).toBe(404);
    expect(missing.body).not.toContain('script');
    const post = await get(m, '/metrics', { method: 'POST', body: 'x' });
    expect(post.status).toBe(405);
    expect(post.headers.get('allow')).toBe('GET, HEAD');
    const head = await fetch(new URL('/status', m.url), { method: 'HEAD' });
    expect(head.status).toBe(200);
  });

  it('refuses a port already in use with a usage error (exit 2), not a crash', async () => {
    const busy = createServer();
    await new Promise<void>((resolve) => busy.listen(0, '127.0.0.1', resolve));
    const { port } = busy.address() as { port: number };
    try {
      const attempt = startMonitor({
        listen: { host: '127.0.0.1', port },
        healthGraceMs: 1000,
        loops: [],
        now: Date.now,
      });
      await expect(attempt).rejects.toBeInstanceOf(UsageError);
      await expect(attempt).rejects.toThrow(`--metrics: 127.0.0.1:${port} is already in use.`);
    } finally {
      busy.close();
    }
  });
});
