import { describe, expect, it } from 'vitest';
import {
  bigWorld,
  DEFAULT_IDS,
  defaultWorld,
  demoWorld,
  loadWorld,
  shardOf,
  snowflake,
  snowflakeTime,
  startEmulator,
  WorldSpecError,
  world,
} from '../src/index.js';
import { DEFAULT_BOT } from '../src/world/default-world.js';
import { Permission } from '../src/world/permissions.js';
import { World } from '../src/world/world.js';

describe('world data', () => {
  it('makes realistic snowflakes and shards guilds as Discord does', () => {
    const id = snowflake(Date.UTC(2022, 5, 1), 7);
    expect(id).toMatch(/^\d{17,19}$/);
    expect(snowflakeTime(id)).toBe(Date.UTC(2022, 5, 1));
    expect(shardOf('41771983444115456', 1)).toBe(0);
    expect(shardOf(DEFAULT_IDS.guilds.beta, 2)).toBe(1);
  });

  it('loads the default and demo worlds back from JSON unchanged', () => {
    for (const spec of [defaultWorld(), demoWorld()]) {
      expect(loadWorld(JSON.parse(JSON.stringify(spec)))).toEqual(spec);
    }
  });

  it('generates a big world that holds together, the same for the same seed', () => {
    const spec = bigWorld({ guilds: 12, members: 20 });
    expect(loadWorld(JSON.parse(JSON.stringify(spec)))).toEqual(spec);
    expect(bigWorld({ guilds: 12, members: 20 })).toEqual(spec);
    expect(bigWorld({ guilds: 12, members: 20, seed: 1 })).not.toEqual(spec);
    expect(spec.guilds.map((g) => g.members?.length)).toEqual(Array(12).fill(20));
    // Users are shared between guilds, but each sits in voice in one guild at most.
    const inVoice = spec.guilds.flatMap((g) => (g.voiceStates ?? []).map((v) => v.userId));
    expect(new Set(inVoice).size).toBe(inVoice.length);
    expect(spec.guilds[0]?.name).toBe('Alpha Guild');
    // Spread over shards as a real bot's guilds are: 12 guilds, 3 on each of 4 shards.
    const perShard = [0, 1, 2, 3].map((s) => spec.guilds.filter((g) => shardOf(g.id, 4) === s));
    expect(perShard.map((list) => list.length)).toEqual([3, 3, 3, 3]);
  });

  it('lists every problem of an invalid world with its path', () => {
    const invalid = {
      guilds: [
        {
          id: '123',
          name: 'A',
          channels: [{ id: '981528804851843072', type: 3, name: '' }],
          members: [{ id: '308875257446531072' }],
        },
      ],
      colour: 'blue',
    };
    let error: WorldSpecError | undefined;
    try {
      loadWorld(invalid);
    } catch (caught) {
      error = caught as WorldSpecError;
    }
    expect(error).toBeInstanceOf(WorldSpecError);
    expect(error?.issues).toEqual([
      'guilds[0].id: expected a snowflake id (17–20 digit string), got string "123"',
      'guilds[0].name: must be at least 2 characters',
      'guilds[0].channels[0].type: expected one of 0, 2, 4, 5, 13, got number 3',
      'guilds[0].channels[0].name: must be at least 1 characters',
      'guilds[0].members[0].username: required',
      'colour: unknown key',
    ]);
  });

  it('checks cross-references: voice in a text channel, unknown roles, strangers in voice', () => {
    const spec = defaultWorld();
    const alpha = spec.guilds[0];
    alpha?.voiceStates?.push({
      userId: DEFAULT_IDS.users.carol,
      channelId: DEFAULT_IDS.channels.alphaGeneralText,
    });
    alpha?.members?.push({
      id: '999999999999999999',
      username: 'ghost',
      roles: ['888888888888888888'],
    });
    expect(() => loadWorld(spec)).toThrow(
      expect.objectContaining({
        issues: [
          'guilds[0].members[6].roles: unknown role 888888888888888888',
          `guilds[0].voiceStates[3].userId: ${DEFAULT_IDS.users.carol} is not a member`,
          `guilds[0].voiceStates[3].channelId: ${DEFAULT_IDS.channels.alphaGeneralText} is not a voice channel of this guild`,
        ],
      }),
    );
    return expect(startEmulator({ world: spec })).rejects.toBeInstanceOf(WorldSpecError);
  });

  it('builds a world from names, one user per name across guilds', () => {
    const spec = world({
      guilds: [
        {
          name: 'Alpha Guild',
          voice: { General: ['Alice', 'Bob'], Gaming: [] },
          members: [{ name: 'Bob', nick: 'Bobby' }],
        },
        { name: 'Beta Guild', voice: { Lounge: ['Carol', 'Alice'] } },
      ],
    });
    expect(loadWorld(spec)).toEqual(spec);
    const [alpha, beta] = spec.guilds;
    expect([shardOf(alpha?.id ?? '', 2), shardOf(beta?.id ?? '', 2)]).toEqual([0, 1]);
    const aliceInAlpha = alpha?.members?.find((m) => m.username === 'alice');
    const aliceInBeta = beta?.members?.find((m) => m.username === 'alice');
    expect(aliceInAlpha?.id).toBe(aliceInBeta?.id);
    expect(alpha?.members?.find((m) => m.username === 'bob')).toMatchObject({
      globalName: 'Bob',
      nick: 'Bobby',
    });
    const general = alpha?.channels?.find((c) => c.name === 'General');
    expect(alpha?.voiceStates?.filter((v) => v.channelId === general?.id)).toHaveLength(2);
  });

  it('computes channel permissions from roles and overwrites', () => {
    const state = new World(defaultWorld(), DEFAULT_BOT);
    const { channels, users } = DEFAULT_IDS;
    const can = (channelId: string, userId: string, bit: bigint) =>
      (state.channelPermissions(channelId, userId) & bit) === bit;

    expect(can(channels.alphaGeneralText, DEFAULT_IDS.bot, Permission.SendMessages)).toBe(true);
    expect(can(channels.alphaAnnouncements, DEFAULT_IDS.bot, Permission.ViewChannel)).toBe(true);
    expect(can(channels.alphaAnnouncements, DEFAULT_IDS.bot, Permission.SendMessages)).toBe(false);
    expect(can(channels.alphaStaff, DEFAULT_IDS.bot, Permission.ViewChannel)).toBe(false);
    // Frank's Moderator role is allowed in #staff; Alice owns the guild and may do anything.
    expect(can(channels.alphaStaff, users.frank, Permission.ViewChannel)).toBe(true);
    expect(can(channels.alphaStaff, users.alice, Permission.ManageChannels)).toBe(true);
    expect(can(channels.betaLounge, DEFAULT_IDS.bot, Permission.ManageChannels)).toBe(false);
    // A member overwrite beats role overwrites; ADMINISTRATOR beats every overwrite.
    expect(can(channels.alphaStaff, users.erin, Permission.ViewChannel)).toBe(false);
    const spec = defaultWorld();
    const alpha = spec.guilds[0];
    const staff = alpha?.channels?.find((c) => c.id === channels.alphaStaff);
    staff?.permissionOverwrites?.push({
      id: users.frank,
      type: 1,
      deny: Permission.ViewChannel.toString(),
    });
    alpha?.roles?.push({
      id: '981528999999999999',
      name: 'Admin',
      permissions: Permission.Administrator.toString(),
    });
    const erin = alpha?.members?.find((m) => m.id === users.erin);
    if (erin) erin.roles = ['981528999999999999'];
    const changed = new World(spec, DEFAULT_BOT);
    expect(
      changed.channelPermissions(channels.alphaStaff, users.frank) & Permission.ViewChannel,
    ).toBe(0n);
    expect(
      changed.channelPermissions(channels.alphaStaff, users.erin) & Permission.ManageChannels,
    ).toBe(Permission.ManageChannels);
  });

  it('refuses impossible world events with a clear message', () => {
    const state = new World(defaultWorld(), DEFAULT_BOT);
    const { channels, users, guilds } = DEFAULT_IDS;
    expect(() => state.voiceJoin(users.carol, channels.alphaGeneralVoice)).toThrow(
      /not a member of guild/,
    );
    expect(() => state.voiceJoin(users.erin, channels.alphaGeneralText)).toThrow(
      /not a voice or stage channel/,
    );
    expect(() => state.voiceMove(users.erin, channels.alphaGaming)).toThrow(
      /is not in a voice channel/,
    );
    expect(() => state.memberRemove(guilds.beta, users.dave)).toThrow(/not a member/);
    const id = state.memberAdd(guilds.beta, { username: 'newbie' });
    expect(state.member(guilds.beta, id)).toMatchObject({ userId: id, nick: null });
    expect(() => state.memberAdd(guilds.beta, { id, username: 'newbie' })).toThrow(
      /already a member/,
    );
  });
});
