import {
  DiscordAPIError,
  GatewayIntentBits,
  RateLimitError,
  Routes,
  type TextChannel,
  type VoiceChannel,
} from 'discord.js';
import { describe, expect, it } from 'vitest';
import { DEFAULT_IDS } from '../src/index.js';
import { nextEvent, useEmulator } from './harness.js';

const { guilds, channels, users } = DEFAULT_IDS;
const MESSAGE_INTENTS = [GatewayIntentBits.Guilds, GatewayIntentBits.GuildMessages];

describe('the REST API through discord.js', () => {
  const harness = useEmulator();

  it('records a message POST with its body and allowed_mentions, and dispatches MESSAGE_CREATE', async () => {
    const emu = await harness.start();
    const client = await harness.login(emu, { intents: MESSAGE_INTENTS });
    const channel = client.channels.cache.get(channels.alphaGeneralText) as TextChannel;

    const created = nextEvent(client, 'messageCreate');
    const sent = await channel.send({
      content: `Hi <@${users.alice}>`,
      allowedMentions: { parse: [] },
    });
    const [received] = await created;

    const post = emu.requests.find((r) => r.route === 'POST /channels/:id/messages');
    expect(post).toMatchObject({
      status: 200,
      params: { id: channels.alphaGeneralText },
      body: { content: `Hi <@${users.alice}>`, allowed_mentions: { parse: [] } },
    });
    expect(post?.responseHeaders).toMatchObject({
      'Content-Type': 'application/json',
      'X-RateLimit-Limit': '5',
      'X-RateLimit-Remaining': '4',
      'X-RateLimit-Bucket': expect.any(String),
    });
    expect(received.id).toBe(sent.id);
    expect(received.content).toBe(`Hi <@${users.alice}>`);
    // Mentions were suppressed, so nobody is pinged.
    expect(sent.mentions.users.size).toBe(0);
    expect(emu.world().messages).toMatchObject([
      {
        id: sent.id,
        channelId: channels.alphaGeneralText,
        allowedMentions: { parse: [] },
        mentionUserIds: [],
      },
    ]);

    const withPing = await channel.send(`Hi again <@${users.alice}>`);
    expect(withPing.mentions.users.map((u) => u.id)).toEqual([users.alice]);
    const history = await channel.messages.fetch();
    expect(history.map((m) => m.id)).toEqual([withPing.id, sent.id]);
  });

  it('retries a scripted per-route 429 after Retry-After, then succeeds', async () => {
    const emu = await harness.start();
    const client = await harness.login(emu, { intents: [GatewayIntentBits.Guilds] });
    const channel = client.channels.cache.get(channels.alphaGeneralText) as TextChannel;
    const limited = new Promise((resolve) => client.rest.once('rateLimited', resolve));

    emu.rateLimit({ route: 'POST /channels/:id/messages', count: 1, retryAfterMs: 150 });
    await channel.send('after the limit');
    // This client has no GuildMessages intent: the message is not dispatched to it.
    expect(emu.payloads.filter((p) => p.t === 'MESSAGE_CREATE')).toHaveLength(0);

    const attempts = emu.requests.filter((r) => r.route === 'POST /channels/:id/messages');
    expect(attempts.map((r) => r.status)).toEqual([429, 200]);
    expect(attempts[0]?.response).toEqual({
      message: 'You are being rate limited.',
      retry_after: 0.15,
      global: false,
    });
    expect(attempts[0]?.responseHeaders).toMatchObject({
      'Retry-After': '0.150',
      'X-RateLimit-Remaining': '0',
      'X-RateLimit-Scope': 'user',
    });
    expect(attempts[0]?.responseHeaders['X-RateLimit-Global']).toBeUndefined();
    expect(await limited).toMatchObject({ global: false, route: '/channels/:id/messages' });
  });

  it('honours a scripted global 429 on any route', async () => {
    const emu = await harness.start();
    const client = await harness.login(emu, { intents: [GatewayIntentBits.Guilds] });
    const limited = new Promise((resolve) => client.rest.once('rateLimited', resolve));

    emu.rateLimit({ count: 1, retryAfterMs: 150, global: true });
    const user = await client.users.fetch(users.carol, { force: true });

    expect(user.globalName).toBe('Carol');
    const attempts = emu.requests.filter((r) => r.route === 'GET /users/:id');
    expect(attempts.map((r) => r.status)).toEqual([429, 200]);
    expect(attempts[0]?.responseHeaders).toMatchObject({
      'X-RateLimit-Global': 'true',
      'X-RateLimit-Scope': 'global',
    });
    expect(attempts[0]?.response).toMatchObject({ global: true });
    expect(await limited).toMatchObject({ global: true });
  });

  it('answers 403 and 404 as DiscordAPIErrors with Discord’s codes', async () => {
    const emu = await harness.start();
    const client = await harness.login(emu, { intents: [GatewayIntentBits.Guilds] });
    const announcements = client.channels.cache.get(channels.alphaAnnouncements) as TextChannel;

    await expect(announcements.send('nope')).rejects.toMatchObject({
      constructor: DiscordAPIError,
      status: 403,
      code: 50013,
      message: 'Missing Permissions',
    });
    await expect(client.channels.fetch(channels.alphaStaff, { force: true })).rejects.toMatchObject(
      {
        status: 403,
        code: 50001,
      },
    );
    await expect(client.channels.fetch('123456789012345678')).rejects.toMatchObject({
      status: 404,
      code: 10003,
      message: 'Unknown Channel',
    });
    await expect(
      client.guilds.cache.get(guilds.alpha)?.members.fetch('123456789012345678'),
    ).rejects.toMatchObject({
      code: 10007,
    });
    // Listing members needs GUILD_MEMBERS switched on for the application.
    await expect(client.rest.get(Routes.guildMembers(guilds.alpha))).rejects.toMatchObject({
      code: 50001,
    });
    expect(emu.requests.filter((r) => r.status >= 400).map((r) => r.status)).toEqual([
      403, 403, 404, 404, 403,
    ]);
  });

  it('rejects invalid bodies with 400 and Discord’s error shape', async () => {
    const emu = await harness.start();
    const client = await harness.login(emu, { intents: [GatewayIntentBits.Guilds] });

    await expect(
      client.rest.post(Routes.channelMessages(channels.alphaGeneralText), { body: {} }),
    ).rejects.toMatchObject({
      status: 400,
      code: 50006,
    });
    const tooLong = client.rest.patch(Routes.channel(channels.alphaGaming), {
      body: { name: 'x'.repeat(101) },
    });
    await expect(tooLong).rejects.toMatchObject({
      status: 400,
      code: 50035,
      rawError: { errors: { name: { _errors: [{ code: 'BASE_TYPE_BAD_LENGTH' }] } } },
    });
  });

  it('renames a channel, dispatches CHANNEL_UPDATE, and 429s renames beyond the sub-limit', async () => {
    const emu = await harness.start({ renameLimit: { count: 2, windowMs: 60_000 } });
    const client = await harness.login(emu, {
      intents: [GatewayIntentBits.Guilds],
      rest: { rejectOnRateLimit: () => true },
    });
    const gaming = client.channels.cache.get(channels.alphaGaming) as VoiceChannel;

    const updated = nextEvent(
      client,
      'channelUpdate',
      (_old, now) => 'name' in now && now.name === 'Members: 1',
    );
    await gaming.setName('Members: 1');
    await updated;
    await gaming.setName('Members: 2');
    const third = gaming.setName('Members: 3');

    await expect(third).rejects.toBeInstanceOf(RateLimitError);
    const patches = emu.requests.filter((r) => r.route === 'PATCH /channels/:id');
    expect(patches.map((r) => r.status)).toEqual([200, 200, 429]);
    const limitedHeaders = patches[2]?.responseHeaders ?? {};
    expect(Number(limitedHeaders['Retry-After'])).toBeGreaterThan(50);
    expect(Number(limitedHeaders['X-RateLimit-Remaining'])).toBeGreaterThan(0);
    expect(client.channels.cache.get(channels.alphaGaming)).toMatchObject({ name: 'Members: 2' });
    expect(emu.world().guilds[0]?.channels.find((c) => c.id === channels.alphaGaming)?.name).toBe(
      'Members: 2',
    );
    expect(emu.payloads.filter((p) => p.t === 'CHANNEL_UPDATE')).toHaveLength(2);
  });

  it('refuses renames without MANAGE_CHANNELS', async () => {
    const emu = await harness.start();
    const client = await harness.login(emu, { intents: [GatewayIntentBits.Guilds] });
    const lounge = client.channels.cache.get(channels.betaLounge) as VoiceChannel;

    await expect(lounge.setName('Lounge 2')).rejects.toMatchObject({ status: 403, code: 50013 });
  });

  it('reports guild counts and the bot’s own user', async () => {
    const emu = await harness.start();
    const client = await harness.login(emu, { intents: [GatewayIntentBits.Guilds] });

    const alpha = await client.guilds.fetch({ guild: guilds.alpha, withCounts: true, force: true });
    expect(alpha.approximateMemberCount).toBe(6);
    expect(alpha.approximatePresenceCount).toBe(4);
    const me = await client.rest.get(Routes.user('@me'));
    expect(me).toMatchObject({ id: DEFAULT_IDS.bot, bot: true, discriminator: '0' });
  });

  it('answers unknown routes and methods as Discord does', async () => {
    const emu = await harness.start();
    const auth = { authorization: `Bot ${emu.token}` };

    const unknown = await fetch(`${emu.apiUrl}/v10/nothing/here`, { headers: auth });
    expect([unknown.status, await unknown.json()]).toEqual([
      404,
      { message: '404: Not Found', code: 0 },
    ]);
    const wrongMethod = await fetch(`${emu.apiUrl}/v10/users/@me`, {
      method: 'DELETE',
      headers: auth,
    });
    expect(wrongMethod.status).toBe(405);
    const noToken = await fetch(`${emu.apiUrl}/v9/users/@me`);
    expect([noToken.status, await noToken.json()]).toEqual([
      401,
      { message: '401: Unauthorized', code: 0 },
    ]);
    const publicGateway = await fetch(`${emu.apiUrl}/v10/gateway`);
    expect(await publicGateway.json()).toEqual({ url: emu.gatewayUrl });
  });
});
