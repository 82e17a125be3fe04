import { DEFAULT_IDS, type EmulatorOptions, startEmulator } from '@discloop/emulator';
import { Client, GatewayIntentBits } from 'discord.js';
import { describe, expect, it } from 'vitest';
import {
  ALL_PERMISSIONS,
  type ChannelPermissionInput,
  channelPermissions,
  missingPermissions,
} from '../../src/connection/channel-permissions.js';
import { PERMISSION_BITS, type PermissionName } from '../../src/connection/permissions.js';

const BOT = DEFAULT_IDS.bot;
const OWNER = '900000000000000100';
const ASKED: PermissionName[] = [
  'ViewChannel',
  'SendMessages',
  'EmbedLinks',
  'AttachFiles',
  'ManageMessages',
  'ReadMessageHistory',
  'ManageChannels',
];

const bits = (...names: PermissionName[]) =>
  names.reduce((all, name) => all | PERMISSION_BITS[name], 0n);

/** Case `index`'s guild and roles: ids are unique across the emulator's world, as on Discord. */
const idsOf = (index: number) => ({
  guild: `90000000000000${index}000`,
  mods: `90000000000000${index}001`,
  helpers: `90000000000000${index}002`,
  others: `90000000000000${index}003`,
  channel: `90000000000000${index}009`,
});
type Ids = ReturnType<typeof idsOf>;

/**
 * The bot, with the moderator and helper roles, in a guild of its own where @everyone may view,
 * send and read history; `vary` changes what the case is about.
 */
const botIn = (index: number, vary: (ids: Ids) => Partial<ChannelPermissionInput>) => {
  const ids = idsOf(index);
  const input: ChannelPermissionInput = {
    guildId: ids.guild,
    ownerId: OWNER,
    memberId: BOT,
    memberRoles: [ids.mods, ids.helpers],
    roles: new Map([
      [ids.guild, bits('ViewChannel', 'SendMessages', 'ReadMessageHistory')],
      [ids.mods, bits('ManageMessages')],
      [ids.helpers, bits('EmbedLinks')],
      [ids.others, bits('ManageChannels')],
    ]),
    overwrites: [],
    ...vary(ids),
  };
  return { input, channelId: ids.channel };
};
type Case = ReturnType<typeof botIn>;

const CASES: [string, Case][] = [
  ['the owner', botIn(1, () => ({ ownerId: BOT, overwrites: [member(BOT, 0n, ALL_PERMISSIONS)] }))],
  [
    'an administrator',
    botIn(2, (ids) => ({
      roles: new Map([
        [ids.guild, 0n],
        [ids.mods, bits('Administrator')],
        [ids.helpers, 0n],
      ]),
      overwrites: [role(ids.guild, 0n, ALL_PERMISSIONS)],
    })),
  ],
  [
    'every layer of overwrites',
    botIn(3, (ids) => ({
      overwrites: [
        role(ids.guild, 0n, bits('ViewChannel', 'SendMessages')),
        role(ids.mods, bits('ViewChannel'), bits('EmbedLinks')),
        role(ids.helpers, bits('EmbedLinks', 'SendMessages'), bits('ReadMessageHistory')),
        role(ids.others, 0n, ALL_PERMISSIONS),
        member(BOT, bits('AttachFiles'), bits('ManageMessages')),
      ],
    })),
  ],
  [
    'a member without ViewChannel',
    botIn(4, (ids) => ({ overwrites: [role(ids.guild, 0n, bits('ViewChannel'))] })),
  ],
];

function role(id: string, allow: bigint, deny = 0n) {
  return { id, type: 0 as const, allow, deny };
}
function member(id: string, allow: bigint, deny = 0n) {
  return { id, type: 1 as const, allow, deny };
}

/** The cases as the emulator's world: one guild each, with one text channel. */
function worldOf(cases: Case[]): NonNullable<EmulatorOptions['world']> {
  return {
    guilds: cases.map(({ input, channelId }) => ({
      id: input.guildId,
      name: `Guild ${input.guildId}`,
      ownerId: input.ownerId,
      roles: [...input.roles].map(([id, permissions]) => ({
        id,
        name: id,
        permissions: `${permissions}`,
      })),
      members: [
        { id: OWNER, username: 'owner' },
        { id: BOT, username: 'Discloop', bot: true, roles: [...input.memberRoles] },
      ],
      channels: [
        {
          id: channelId,
          type: 0,
          name: 'general',
          permissionOverwrites: input.overwrites.map((o) => ({
            id: o.id,
            type: o.type,
            allow: `${o.allow}`,
            deny: `${o.deny}`,
          })),
        },
      ],
    })),
  };
}

describe('channelPermissions against discord.js', () => {
  it("agrees with GuildChannel#permissionsFor and #missing on the emulator's guilds", async () => {
    const emu = await startEmulator({ world: worldOf(CASES.map(([, each]) => each)) });
    const client = new Client({ intents: [GatewayIntentBits.Guilds], rest: { api: emu.apiUrl } });
    try {
      const ready = new Promise((resolve) => client.once('clientReady', resolve));
      await client.login(emu.token);
      await ready;
      for (const [name, { input, channelId }] of CASES) {
        const theirs = client.channels.cache.get(channelId);
        if (!theirs || !('permissionsFor' in theirs)) throw new Error(`no channel for ${name}`);
        const discordJs = theirs.permissionsFor(BOT);
        const ours = channelPermissions(input);
        expect(ours, name).toBe(discordJs?.bitfield);
        expect(missingPermissions(ours, ASKED), name).toEqual(discordJs?.missing(ASKED));
      }
    } finally {
      await client.destroy();
      await emu.close();
    }
  });
});
