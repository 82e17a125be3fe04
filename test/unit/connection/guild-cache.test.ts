import { describe, expect, it } from 'vitest';
import { createGuildCache } from '../../../src/connection/guild-cache.js';

const BOT = '900000000000000001';
const GUILD = '100000000000000001';
const TEXT = '200000000000000001';
const VOICE = '200000000000000002';
const ALICE = '300000000000000001';
const BOB = '300000000000000002';

const user = (id: string, username: string, global_name: string | null = null) => ({
  id,
  username,
  global_name,
});

/** A GUILD_CREATE as Discord sends it without GuildMembers: the bot and the people in voice. */
const guildCreate = (overrides: Record<string, unknown> = {}) => ({
  id: GUILD,
  name: 'Alpha',
  owner_id: ALICE,
  member_count: 42,
  unavailable: false,
  roles: [
    { id: GUILD, permissions: '1024' },
    { id: '400000000000000001', permissions: '2048' },
  ],
  channels: [
    { id: TEXT, type: 0, name: 'general', position: 0, permission_overwrites: [] },
    {
      id: VOICE,
      type: 2,
      name: 'Voice',
      position: 1,
      permission_overwrites: [{ id: GUILD, type: 0, allow: '0', deny: '1024' }],
    },
    { id: '200000000000000009', type: 11, name: 'a thread', position: 0 },
  ],
  members: [
    { user: user(BOT, 'discloop'), roles: ['400000000000000001'] },
    { user: user(ALICE, 'alice', 'Alice'), nick: 'Ali', roles: [] },
  ],
  voice_states: [{ user_id: ALICE, channel_id: VOICE }],
  presences: [
    { user: { id: ALICE }, status: 'online' },
    { user: { id: BOB }, status: 'offline' },
  ],
  ...overrides,
});

function readyCache(presences = false) {
  const cache = createGuildCache({ presences });
  cache.apply(0, 'READY', { user: user(BOT, 'discloop'), guilds: [{ id: GUILD }] });
  cache.apply(0, 'GUILD_CREATE', guildCreate());
  return cache;
}

describe('the guild cache', () => {
  it('keeps what actions read from GUILD_CREATE, and not threads', () => {
    const cache = readyCache();
    const guild = cache.guild(GUILD);
    expect(guild).toMatchObject({ name: 'Alpha', ownerId: ALICE, memberCount: 42, shard: 0 });
    expect(guild?.botRoles).toEqual(['400000000000000001']);
    expect(guild?.roles.get(GUILD)).toBe(1024n);
    expect([...(guild?.channels.keys() ?? [])]).toEqual([TEXT, VOICE]);
    expect(cache.channel(VOICE)?.channel.overwrites).toEqual([
      { id: GUILD, type: 0, allow: 0n, deny: 1024n },
    ]);
    expect(cache.channel('200000000000000009')).toBeUndefined();
  });

  it('names the people in voice by nickname, and forgets them when they leave', () => {
    const cache = readyCache();
    const guild = cache.guild(GUILD);
    expect(guild?.voice.get(ALICE)).toBe(VOICE);
    expect(guild?.people.get(ALICE)).toEqual({ username: 'alice', displayName: 'Ali' });
    cache.apply(0, 'VOICE_STATE_UPDATE', {
      guild_id: GUILD,
      user_id: BOB,
      channel_id: VOICE,
      member: { user: user(BOB, 'bob', 'Bobby'), roles: [] },
    });
    expect(guild?.people.get(BOB)).toEqual({ username: 'bob', displayName: 'Bobby' });
    cache.apply(0, 'VOICE_STATE_UPDATE', { guild_id: GUILD, user_id: ALICE, channel_id: null });
    expect(guild?.voice.has(ALICE)).toBe(false);
    expect(guild?.people.has(ALICE)).toBe(false);
  });

  it('keeps no member who is not in voice, except the bot’s roles', () => {
    const cache = readyCache();
    cache.apply(0, 'GUILD_MEMBER_UPDATE', {
      guild_id: GUILD,
      user: user(BOB, 'bob'),
      nick: 'B',
      roles: [],
    });
    cache.apply(0, 'GUILD_MEMBER_UPDATE', {
      guild_id: GUILD,
      user: user(BOT, 'discloop'),
      roles: [],
    });
    const guild = cache.guild(GUILD);
    expect(guild?.people.has(BOB)).toBe(false);
    expect(guild?.botRoles).toEqual([]);
  });

  it('follows channel, role, guild and member-count changes', () => {
    const cache = readyCache();
    cache.apply(0, 'CHANNEL_UPDATE', { id: TEXT, guild_id: GUILD, type: 0, name: 'news' });
    cache.apply(0, 'CHANNEL_CREATE', {
      id: '200000000000000003',
      guild_id: GUILD,
      type: 4,
      name: 'Cat',
    });
    cache.apply(0, 'CHANNEL_DELETE', { id: VOICE, guild_id: GUILD, type: 2 });
    cache.apply(0, 'GUILD_ROLE_UPDATE', { guild_id: GUILD, role: { id: GUILD, permissions: '0' } });
    cache.apply(0, 'GUILD_ROLE_DELETE', { guild_id: GUILD, role_id: '400000000000000001' });
    cache.apply(0, 'GUILD_UPDATE', { id: GUILD, name: 'Beta', owner_id: BOB });
    cache.apply(0, 'GUILD_MEMBER_ADD', { guild_id: GUILD, user: user(BOB, 'bob') });
    const guild = cache.guild(GUILD);
    expect(cache.channel(TEXT)?.channel.name).toBe('news');
    expect(cache.channel('200000000000000003')?.guild.id).toBe(GUILD);
    expect(cache.channel(VOICE)).toBeUndefined();
    expect([...(guild?.roles ?? [])]).toEqual([[GUILD, 0n]]);
    expect(guild).toMatchObject({ name: 'Beta', ownerId: BOB, memberCount: 43 });
  });

  it('keeps a guild through an outage and forgets one the bot left', () => {
    const cache = readyCache();
    cache.apply(0, 'GUILD_DELETE', { id: GUILD, unavailable: true });
    expect(cache.guild(GUILD)).toBeDefined();
    cache.apply(0, 'GUILD_DELETE', { id: GUILD });
    expect(cache.guild(GUILD)).toBeUndefined();
    expect(cache.channel(TEXT)).toBeUndefined();
    expect(cache.guildCount()).toBe(0);
  });

  it('drops, on a new session, the guilds of that shard it no longer lists', () => {
    const cache = readyCache();
    cache.apply(1, 'GUILD_CREATE', guildCreate({ id: '100000000000000002', channels: [] }));
    cache.keepOnly(0, new Set());
    expect(cache.guild(GUILD)).toBeUndefined();
    expect(cache.guild('100000000000000002')?.shard).toBe(1);
  });

  it('counts who is online only with the presence intent', () => {
    expect(readyCache(false).guild(GUILD)?.online).toBeUndefined();
    const cache = readyCache(true);
    expect(cache.guild(GUILD)?.online?.size).toBe(1);
    cache.apply(0, 'PRESENCE_UPDATE', { guild_id: GUILD, user: { id: BOB }, status: 'idle' });
    cache.apply(0, 'PRESENCE_UPDATE', { guild_id: GUILD, user: { id: ALICE }, status: 'offline' });
    expect([...(cache.guild(GUILD)?.online ?? [])]).toEqual([BOB]);
  });

  it('ignores dispatches it does not keep, and guilds it does not know', () => {
    const cache = readyCache();
    cache.apply(0, 'MESSAGE_CREATE', { id: '1', channel_id: TEXT, content: 'hi' });
    cache.apply(0, 'VOICE_STATE_UPDATE', { guild_id: '1', user_id: BOB, channel_id: VOICE });
    expect(cache.guildCount()).toBe(1);
    expect(cache.botId).toBe(BOT);
  });
});
