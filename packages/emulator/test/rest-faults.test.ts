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
});
