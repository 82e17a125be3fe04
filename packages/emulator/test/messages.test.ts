import { GatewayIntentBits, Routes, type TextChannel } from 'discord.js';
import { describe, expect, it } from 'vitest';
import {
  type Emulator,
  loadWorld,
  snowflake,
  snowflakeTime,
  type WorldSpecError,
  world,
} from '../src/index.js';
import { useEmulator } from './harness.js';

const DAY = 86_400_000;
const MESSAGE_INTENTS = [GatewayIntentBits.Guilds, GatewayIntentBits.GuildMessages];

/** One guild: #general (everything), #quiet (no Manage Messages), #sealed (no history). */
const spec = world({
  guilds: [
    {
      name: 'Alpha Guild',
      text: ['general', 'quiet', 'sealed'],
      members: ['Alice', 'Bob'],
      botPermissions: ['ViewChannel', 'SendMessages', 'ReadMessageHistory', 'ManageMessages'],
      denyBot: { quiet: ['ManageMessages'], sealed: ['ReadMessageHistory'] },
    },
  ],
});
const members = spec.guilds[0]?.members ?? [];
const alice = members.find((m) => m.username === 'alice')?.id ?? '';
const bob = members.find((m) => m.username === 'bob')?.id ?? '';

function channelId(emu: Emulator, name: string): string {
  const channel = emu.world().guilds[0]?.channels.find((c) => c.name === name);
  if (!channel) throw new Error(`no channel ${name}`);
  return channel.id;
}

const idsIn = (emu: Emulator, channel: string) =>
  emu
    .world()
    .messages.filter((m) => m.channelId === channel)
    .map((m) => m.id);

describe('message history, edits and deletes through discord.js', () => {
  const harness = useEmulator();

  it('lists history newest first, paged by before, after and around; empty without Read Message History', async () => {
    const emu = await harness.start({ world: spec });
    const general = channelId(emu, 'general');
    const seeded = emu.seedMessages(
      general,
      [5, 4, 3, 2, 1].map((days) => ({ authorId: alice, ageMs: days * DAY })),
    );
    const ids = seeded.map((m) => m.id);
    expect(seeded.map((m) => Math.round((Date.now() - snowflakeTime(m.id)) / DAY))).toEqual([
      5, 4, 3, 2, 1,
    ]);
    const client = await harness.login(emu, { intents: [GatewayIntentBits.Guilds] });
    const channel = client.channels.cache.get(general) as TextChannel;

    const newest = await channel.messages.fetch({ limit: 2 });
    expect([...newest.keys()]).toEqual([ids[4], ids[3]]);
    expect(newest.get(ids[4] ?? '')?.author.id).toBe(alice);
    const before = await channel.messages.fetch({ limit: 100, before: ids[2] });
    expect([...before.keys()]).toEqual([ids[1], ids[0]]);
    const after = await channel.messages.fetch({ limit: 2, after: ids[0] });
    expect([...after.keys()]).toEqual([ids[2], ids[1]]);
    const around = await channel.messages.fetch({ limit: 3, around: ids[2] });
    expect([...around.keys()]).toEqual([ids[3], ids[2], ids[1]]);

    const sealed = channelId(emu, 'sealed');
    emu.seedMessages(sealed, [{ authorId: bob, ageMs: DAY }]);
    expect(await client.rest.get(Routes.channelMessages(sealed))).toEqual([]);
    await expect(
      client.rest.get(Routes.channelMessages(general), {
        query: new URLSearchParams({ limit: '101' }),
      }),
    ).rejects.toMatchObject({
      status: 400,
      code: 50035,
      rawError: { errors: { limit: { _errors: [{ code: 'NUMBER_TYPE_MAX' }] } } },
    });
    await expect(
      client.rest.get(Routes.channelMessages(general), {
        query: new URLSearchParams({ before: 'yesterday' }),
      }),
    ).rejects.toMatchObject({ status: 400, code: 50035 });
  });

  it('lists pins in both shapes, and messages carry pinned', async () => {
    const emu = await harness.start({ world: spec });
    const general = channelId(emu, 'general');
    const [older, plain, newer] = emu.seedMessages(general, [
      { authorId: alice, ageMs: 3 * DAY, pinned: true },
      { authorId: bob, ageMs: 2 * DAY },
      { authorId: bob, ageMs: DAY, pinned: true, content: 'rules' },
    ]);
    const client = await harness.login(emu, { intents: [GatewayIntentBits.Guilds] });
    const channel = client.channels.cache.get(general) as TextChannel;

    const pins = await channel.messages.fetchPins();
    expect(pins.hasMore).toBe(false);
    expect(pins.items.map((p) => [p.message.id, p.message.pinned])).toEqual([
      [newer?.id, true],
      [older?.id, true],
    ]);
    expect(pins.items[0]?.pinnedTimestamp).toBe(snowflakeTime(newer?.id ?? ''));
    const firstPage = await channel.messages.fetchPins({ limit: 1 });
    expect(firstPage.hasMore).toBe(true);
    const legacy = (await client.rest.get(Routes.channelPins(general))) as { id: string }[];
    expect(legacy.map((m) => m.id)).toEqual([newer?.id, older?.id]);
    const history = await channel.messages.fetch();
    expect(history.get(plain?.id ?? '')?.pinned).toBe(false);
    expect(history.get(newer?.id ?? '')).toMatchObject({ pinned: true, content: 'rules' });
  });

  it('edits the bot’s own message and dispatches MESSAGE_UPDATE; 10008 for an unknown one, 50005 for another’s', async () => {
    const emu = await harness.start({ world: spec });
    const general = channelId(emu, 'general');
    const [hers] = emu.seedMessages(general, [{ authorId: alice, ageMs: DAY }]);
    const client = await harness.login(emu, { intents: MESSAGE_INTENTS });
    const channel = client.channels.cache.get(general) as TextChannel;
    const sent = await channel.send('Members: 1');

    await sent.edit('Members: 2');
    const update = await emu.waitForPayload((p) => p.t === 'MESSAGE_UPDATE');
    expect(update.d).toMatchObject({
      id: sent.id,
      content: 'Members: 2',
      edited_timestamp: expect.any(String),
    });
    expect(emu.world().messages.find((m) => m.id === sent.id)?.content).toBe('Members: 2');
    await expect(
      client.rest.patch(Routes.channelMessage(general, snowflake(Date.now() - DAY)), {
        body: { content: 'x' },
      }),
    ).rejects.toMatchObject({ status: 404, code: 10008, message: 'Unknown Message' });
    await expect(
      client.rest.patch(Routes.channelMessage(general, hers?.id ?? ''), { body: { content: 'x' } }),
    ).rejects.toMatchObject({ status: 403, code: 50005 });
    await expect(
      client.rest.patch(Routes.channelMessage(general, sent.id), { body: { content: '' } }),
    ).rejects.toMatchObject({ status: 400, code: 50006 });
  });

  it('deletes: its own messages anywhere, others’ only with Manage Messages; 10008 once gone', async () => {
    const emu = await harness.start({ world: spec });
    const quiet = channelId(emu, 'quiet');
    const general = channelId(emu, 'general');
    const [inQuiet] = emu.seedMessages(quiet, [{ authorId: alice, ageMs: DAY }]);
    const [inGeneral] = emu.seedMessages(general, [{ authorId: alice, ageMs: DAY }]);
    const client = await harness.login(emu, { intents: MESSAGE_INTENTS });
    const own = await (client.channels.cache.get(quiet) as TextChannel).send('mine');

    await client.rest.delete(Routes.channelMessage(quiet, own.id));
    await expect(
      client.rest.delete(Routes.channelMessage(quiet, inQuiet?.id ?? '')),
    ).rejects.toMatchObject({ status: 403, code: 50013 });
    await client.rest.delete(Routes.channelMessage(general, inGeneral?.id ?? ''));
    await expect(
      client.rest.delete(Routes.channelMessage(general, inGeneral?.id ?? '')),
    ).rejects.toMatchObject({ status: 404, code: 10008 });

    expect(idsIn(emu, quiet)).toEqual([inQuiet?.id]);
    expect(idsIn(emu, general)).toEqual([]);
    const deletes = emu.payloads.filter((p) => p.t === 'MESSAGE_DELETE').map((p) => p.d);
    expect(deletes).toEqual([
      { id: own.id, channel_id: quiet, guild_id: spec.guilds[0]?.id },
      { id: inGeneral?.id, channel_id: general, guild_id: spec.guilds[0]?.id },
    ]);
    // Someone else deletes a message: the client is told, as by Discord.
    const [another] = emu.seedMessages(general, [{ authorId: bob, ageMs: DAY }]);
    emu.deleteMessage(general, another?.id ?? '');
    await emu.waitForPayload(
      (p) => p.t === 'MESSAGE_DELETE' && (p.d as { id: string }).id === another?.id,
    );
  });

  it('bulk deletes 2–100 messages under 14 days old with Manage Messages, as one MESSAGE_DELETE_BULK', async () => {
    const emu = await harness.start({
      world: spec,
      bucketLimits: { 'POST /channels/:id/messages/bulk-delete': { count: 10, windowMs: 1000 } },
    });
    const general = channelId(emu, 'general');
    const quiet = channelId(emu, 'quiet');
    const recent = emu.seedMessages(
      general,
      [1, 2, 3].map((days) => ({ authorId: bob, ageMs: days * DAY })),
    );
    const [old] = emu.seedMessages(general, [{ authorId: bob, ageMs: 15 * DAY }]);
    const client = await harness.login(emu, { intents: MESSAGE_INTENTS });
    const bulk = (channel: string, messages: string[]) =>
      client.rest.post(Routes.channelBulkDelete(channel), { body: { messages } });
    const ids = recent.map((m) => m.id);

    await expect(bulk(general, [...ids, old?.id ?? ''])).rejects.toMatchObject({
      status: 400,
      code: 50034,
      message: 'You can only bulk delete messages that are under 14 days old',
    });
    await expect(bulk(general, ids.slice(0, 1))).rejects.toMatchObject({
      code: 50035,
      rawError: { errors: { messages: { _errors: [{ code: 'BASE_TYPE_MIN_LENGTH' }] } } },
    });
    const tooMany = Array.from({ length: 101 }, (_, i) => snowflake(Date.now() - DAY, i));
    await expect(bulk(general, tooMany)).rejects.toMatchObject({ code: 50035 });
    await expect(bulk(quiet, ids)).rejects.toMatchObject({ status: 403, code: 50013 });
    expect(idsIn(emu, general)).toHaveLength(4);

    // An id that is not there counts toward the 2–100 and is otherwise ignored.
    const unknown = snowflake(Date.now() - DAY, 99);
    await bulk(general, [...ids, unknown]);
    expect(idsIn(emu, general)).toEqual([old?.id]);
    const dispatched = await emu.waitForPayload((p) => p.t === 'MESSAGE_DELETE_BULK');
    expect(dispatched.d).toEqual({ ids, channel_id: general, guild_id: spec.guilds[0]?.id });
  });

  it('buckets single deletes of messages older than 14 days apart and tighter; discord.js waits them out', async () => {
    const emu = await harness.start({
      world: spec,
      bucketLimits: {
        'DELETE /channels/:id/messages/:messageId (old)': { count: 3, windowMs: 300 },
      },
    });
    const general = channelId(emu, 'general');
    const old = emu.seedMessages(
      general,
      Array.from({ length: 8 }, (_, i) => ({ authorId: alice, ageMs: (20 + i) * DAY })),
    );
    const [recent] = emu.seedMessages(general, [{ authorId: alice, ageMs: DAY }]);
    const client = await harness.login(emu, { intents: [GatewayIntentBits.Guilds] });
    let waits = 0;
    client.rest.on('rateLimited', () => {
      waits += 1;
    });

    await Promise.all(
      [...old, recent].map((m) => client.rest.delete(Routes.channelMessage(general, m?.id ?? ''))),
    );

    expect(idsIn(emu, general)).toEqual([]);
    const deletes = emu.requests.filter(
      (r) => r.route === 'DELETE /channels/:id/messages/:messageId',
    );
    expect(deletes.filter((r) => r.status === 204)).toHaveLength(9);
    expect(deletes.every((r) => r.status === 204 || r.status === 429)).toBe(true);
    const buckets = new Set(deletes.map((r) => r.responseHeaders['X-RateLimit-Bucket']));
    expect(buckets.size).toBe(2);
    const oldLimit = deletes.find((r) => r.params.messageId === old[0]?.id)?.responseHeaders;
    expect(oldLimit?.['X-RateLimit-Limit']).toBe('3');
    expect(waits).toBeGreaterThan(0);
  });
});

describe('seeded history in a world file', () => {
  const harness = useEmulator();

  it('holds messages by id or age, with authors and pins', async () => {
    const guild = structuredClone(spec.guilds[0]);
    const text = guild?.channels?.find((c) => c.name === 'general');
    if (!guild || !text) throw new Error('no #general');
    const fixed = snowflake(Date.UTC(2024, 0, 1));
    text.messages = [
      { id: fixed, authorId: alice, content: 'happy new year', pinned: true },
      { ageMs: 30 * DAY, authorId: bob },
    ];
    const loaded = loadWorld(JSON.parse(JSON.stringify({ ...spec, guilds: [guild] })));
    const emu = await harness.start({ world: loaded });

    const messages = emu.world().messages;
    expect(messages.map((m) => [m.id, m.authorId, m.pinned])).toEqual([
      [fixed, alice, true],
      [expect.any(String), bob, false],
    ]);
    expect(messages[0]?.timestamp).toBe('2024-01-01T00:00:00.000Z');
    expect(Math.round((Date.now() - snowflakeTime(messages[1]?.id ?? '')) / DAY)).toBe(30);
  });

  it('names every problem of a seeded message', () => {
    const guild = structuredClone(spec.guilds[0]);
    const text = guild?.channels?.find((c) => c.name === 'general');
    if (!guild || !text) throw new Error('no #general');
    text.messages = [
      { id: snowflake(Date.UTC(2024, 0, 1)), ageMs: DAY, authorId: alice },
      { authorId: snowflake(Date.UTC(2020, 0, 1)) },
    ];
    let error: WorldSpecError | undefined;
    try {
      loadWorld({ ...spec, guilds: [guild] });
    } catch (caught) {
      error = caught as WorldSpecError;
    }
    expect(error?.issues).toEqual([
      'guilds[0].channels[1].messages[0]: give id or ageMs, not both',
      expect.stringMatching(
        /^guilds\[0\]\.channels\[1\]\.messages\[1\]\.authorId: \d+ is not a member$/,
      ),
    ]);
  });
});
