import { GatewayIntentBits, type TextChannel } from 'discord.js';
import { describe, expect, it } from 'vitest';
import { DEFAULT_IDS, type Emulator, loadTimeline } from '../src/index.js';
import { until, useEmulator } from './harness.js';

const { channels, users } = DEFAULT_IDS;
const POST_MESSAGE = 'POST /channels/:id/messages';

const statusesOf = (emu: Emulator, route: string) =>
  emu.requests.filter((r) => r.route === route).map((r) => r.status);

describe('scripted REST faults', () => {
  const harness = useEmulator();

  it('holds a route in an endless 429 storm until it is ended; other routes still answer', async () => {
    const emu = await harness.start();
    const client = await harness.login(emu, { intents: [GatewayIntentBits.Guilds] });
    const channel = client.channels.cache.get(channels.alphaGeneralText) as TextChannel;

    emu.rateLimitStorm({ route: POST_MESSAGE, retryAfterMs: 40 });
    const sending = channel.send('through the storm');
    await until(
      () => statusesOf(emu, POST_MESSAGE).filter((s) => s === 429).length >= 3,
      'three 429s',
    );
    const user = await client.users.fetch(users.carol, { force: true });
    expect(user.username).toBe('carol');

    emu.endRateLimitStorm(POST_MESSAGE);
    const sent = await sending;

    expect(sent.content).toBe('through the storm');
    const statuses = statusesOf(emu, POST_MESSAGE);
    expect(statuses.at(-1)).toBe(200);
    expect(statuses.slice(0, -1).every((s) => s === 429)).toBe(true);
    const limited = emu.requests.filter((r) => r.status === 429);
    expect(limited.every((r) => r.route === POST_MESSAGE)).toBe(true);
    for (const request of limited) {
      expect(request.responseHeaders).toMatchObject({
        'Retry-After': '0.040',
        'X-RateLimit-Remaining': '0',
        'X-RateLimit-Scope': 'user',
      });
      expect(request.responseHeaders['X-RateLimit-Global']).toBeUndefined();
    }
  });

  it('storms every route with global 429s from a timeline, until the timeline ends it', async () => {
    const timeline = loadTimeline([
      { at: 0, event: { type: 'rateLimitStorm', retryAfterMs: 40, global: true } },
      { at: 300, event: { type: 'endRateLimitStorm' } },
    ]);
    const emu = await harness.start({ timeline });
    // Let the 0 ms entry fire before the client's first request.
    await new Promise((resolve) => setTimeout(resolve, 20));
    await harness.login(emu);

    const statuses = statusesOf(emu, 'GET /gateway/bot');
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThanOrEqual(2);
    expect(statuses.at(-1)).toBe(200);
    const first = emu.requests[0];
    expect(first?.status).toBe(429);
    expect(first?.responseHeaders).toMatchObject({
      'Retry-After': '0.040',
      'X-RateLimit-Global': 'true',
      'X-RateLimit-Scope': 'global',
    });
    expect(first?.responseHeaders['X-RateLimit-Bucket']).toBeUndefined();
    expect(first?.response).toMatchObject({ global: true, retry_after: 0.04 });
  });

  it('ends only the storm it is asked to end', async () => {
    const emu = await harness.start();
    const get = (path: string) =>
      fetch(`${emu.apiUrl}/v10${path}`, { headers: { Authorization: `Bot ${emu.token}` } });
    emu.rateLimitStorm({ route: 'GET /users/@me', retryAfterMs: 1_000, scope: 'shared' });
    emu.rateLimitStorm({ route: `/channels/${channels.alphaGeneralText}`, retryAfterMs: 1_000 });

    emu.endRateLimitStorm(`/channels/${channels.alphaGeneralText}`);
    const [me, channel] = await Promise.all([
      get('/users/@me'),
      get(`/channels/${channels.alphaGeneralText}`),
    ]);

    expect(me.status).toBe(429);
    expect(me.headers.get('x-ratelimit-scope')).toBe('shared');
    expect(channel.status).toBe(200);
    emu.endRateLimitStorm();
    expect((await get('/users/@me')).status).toBe(200);
  });

  it('answers beyond the global limit per token with a global 429, on any route', async () => {
    const emu = await harness.start({ restGlobalLimitPerSecond: 3 });
    const get = (path: string) =>
      fetch(`${emu.apiUrl}/v10${path}`, { headers: { Authorization: `Bot ${emu.token}` } });

    const answers = await Promise.all(
      ['/users/@me', '/gateway/bot', '/applications/@me'].flatMap((path) => [get(path), get(path)]),
    );

    expect(answers.filter((a) => a.status === 200)).toHaveLength(3);
    const limited = emu.requests.filter((r) => r.status === 429);
    expect(limited).toHaveLength(3);
    for (const request of limited) {
      expect(request.responseHeaders).toMatchObject({
        'X-RateLimit-Global': 'true',
        'X-RateLimit-Scope': 'global',
      });
      expect(Number(request.responseHeaders['Retry-After'])).toBeGreaterThan(0);
      expect(Number(request.responseHeaders['Retry-After'])).toBeLessThanOrEqual(1);
      expect(request.responseHeaders['X-RateLimit-Bucket']).toBeUndefined();
      expect(request.response).toMatchObject({ global: true });
    }
  });

  it('sets and lifts the global limit from a timeline; discord.js waits it out', async () => {
    const timeline = loadTimeline([{ at: 0, event: { type: 'setRestGlobalLimit', perSecond: 2 } }]);
    const emu = await harness.start({ timeline });
    await new Promise((resolve) => setTimeout(resolve, 20));
    const client = await harness.login(emu, { intents: [GatewayIntentBits.Guilds] });

    const fetched = await Promise.all(
      [users.alice, users.bob, users.carol].map((id) => client.users.fetch(id, { force: true })),
    );

    expect(fetched.map((u) => u.username)).toEqual(['alice', 'bob', 'carol']);
    const lookups = emu.requests.filter((r) => r.route === 'GET /users/:id');
    expect(lookups.filter((r) => r.status === 200)).toHaveLength(3);
    expect(lookups.some((r) => r.responseHeaders['X-RateLimit-Global'] === 'true')).toBe(true);

    emu.setRestGlobalLimit(null);
    const before = emu.requests.length;
    await Promise.all(
      [users.dave, users.erin, users.frank].map((id) => client.users.fetch(id, { force: true })),
    );
    expect(emu.requests.slice(before).map((r) => r.status)).toEqual([200, 200, 200]);
  });
});
