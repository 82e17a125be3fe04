import { PermissionFlagsBits } from 'discord-api-types/v10';
import { describe, expect, it } from 'vitest';
import {
  ALL_PERMISSIONS,
  type ChannelPermissionInput,
  channelPermissions,
  missingPermissions,
  type PermissionOverwrite,
} from '../../../src/connection/channel-permissions.js';
import { PERMISSION_BITS, type PermissionName } from '../../../src/connection/permissions.js';

const GUILD = '100';
const OWNER = '200';
const BOT = '300';
const [MODS, HELPERS, OTHERS] = ['401', '402', '403'];

const bits = (...names: PermissionName[]) =>
  names.reduce((all, name) => all | PERMISSION_BITS[name], 0n);
const role = (id: string, allow: bigint, deny = 0n): PermissionOverwrite => ({
  id,
  type: 0,
  allow,
  deny,
});
const member = (id: string, allow: bigint, deny = 0n): PermissionOverwrite => ({
  id,
  type: 1,
  allow,
  deny,
});

/** The bot in a guild where @everyone may view and send, with the given roles and overwrites. */
const bot = (input: Partial<ChannelPermissionInput> = {}): ChannelPermissionInput => ({
  guildId: GUILD,
  ownerId: OWNER,
  memberId: BOT,
  memberRoles: [],
  roles: new Map([
    [GUILD, bits('ViewChannel', 'SendMessages')],
    [MODS, bits('ManageMessages')],
    [HELPERS, bits('EmbedLinks')],
    [OTHERS, bits('ManageChannels')],
  ]),
  overwrites: [],
  ...input,
});

describe('channelPermissions', () => {
  it('gives the owner every bit, whatever the overwrites deny', () => {
    const input = bot({ ownerId: BOT, overwrites: [member(BOT, 0n, ALL_PERMISSIONS)] });
    expect(channelPermissions(input)).toBe(ALL_PERMISSIONS);
  });

  it('gives every bit to a member with Administrator from a role, overwrites aside', () => {
    const roles = new Map([
      [GUILD, 0n],
      [MODS, bits('Administrator')],
    ]);
    const overwrites = [role(GUILD, 0n, ALL_PERMISSIONS), member(BOT, 0n, bits('ViewChannel'))];
    expect(channelPermissions(bot({ roles, memberRoles: [MODS], overwrites }))).toBe(
      ALL_PERMISSIONS,
    );
  });

  it("counts every bit discord.js's PermissionsBitField.All does", () => {
    const all = Object.values(PermissionFlagsBits).reduce((all, bit) => all | bit, 0n);
    expect(ALL_PERMISSIONS).toBe(all);
  });

  it("starts from @everyone and the member's roles, without overwrites", () => {
    expect(channelPermissions(bot({ memberRoles: [MODS, HELPERS] }))).toBe(
      bits('ViewChannel', 'SendMessages', 'ManageMessages', 'EmbedLinks'),
    );
  });

  it('takes ViewChannel away with an @everyone overwrite, and leaves the rest (as discord.js)', () => {
    const overwrites = [role(GUILD, 0n, bits('ViewChannel'))];
    expect(channelPermissions(bot({ memberRoles: [MODS], overwrites }))).toBe(
      bits('SendMessages', 'ManageMessages'),
    );
  });

  it("lets a role's overwrite allow what the @everyone overwrite denies", () => {
    const overwrites = [
      role(GUILD, 0n, bits('ViewChannel', 'SendMessages')),
      role(MODS, bits('ViewChannel')),
    ];
    expect(channelPermissions(bot({ memberRoles: [MODS], overwrites }))).toBe(
      bits('ViewChannel', 'ManageMessages'),
    );
  });

  it("lets the member's own overwrite beat their roles' overwrites, both ways", () => {
    const overwrites = [
      role(MODS, bits('AttachFiles'), bits('SendMessages')),
      member(BOT, bits('SendMessages'), bits('AttachFiles')),
    ];
    expect(channelPermissions(bot({ memberRoles: [MODS], overwrites }))).toBe(
      bits('ViewChannel', 'SendMessages', 'ManageMessages'),
    );
  });

  it("applies all the member's role overwrites together: one role's allow beats another's deny", () => {
    const overwrites = [role(MODS, 0n, bits('AttachFiles')), role(HELPERS, bits('AttachFiles'))];
    for (const memberRoles of [
      [MODS, HELPERS],
      [HELPERS, MODS],
    ]) {
      expect(channelPermissions(bot({ memberRoles, overwrites }))).toBe(
        bits('ViewChannel', 'SendMessages', 'ManageMessages', 'EmbedLinks', 'AttachFiles'),
      );
    }
  });

  it('ignores overwrites for roles the member does not have and for other members', () => {
    const overwrites = [role(OTHERS, 0n, ALL_PERMISSIONS), member(OWNER, 0n, ALL_PERMISSIONS)];
    expect(channelPermissions(bot({ memberRoles: [MODS], overwrites }))).toBe(
      bits('ViewChannel', 'SendMessages', 'ManageMessages'),
    );
  });

  it('counts a member role the roles do not list for nothing, its overwrite included', () => {
    const overwrites = [role('999', bits('ManageChannels'))];
    expect(channelPermissions(bot({ memberRoles: ['999'], overwrites }))).toBe(
      bits('ViewChannel', 'SendMessages'),
    );
  });

  it('counts @everyone for nothing when the roles do not list it', () => {
    const roles = new Map([[MODS, bits('ManageMessages')]]);
    expect(channelPermissions(bot({ roles, memberRoles: [MODS] }))).toBe(bits('ManageMessages'));
  });

  it('applies the @everyone overwrite once, even when the member roles name the guild', () => {
    // Applied again among the roles', its allow would beat the moderators' deny.
    const overwrites = [role(GUILD, bits('EmbedLinks')), role(MODS, 0n, bits('EmbedLinks'))];
    const input = bot({ memberRoles: [GUILD, MODS], overwrites });
    expect(channelPermissions(input)).toBe(bits('ViewChannel', 'SendMessages', 'ManageMessages'));
  });
});

describe('missingPermissions', () => {
  it.each([
    ['nothing when all are there', bits('ViewChannel', 'SendMessages'), ['ViewChannel'], []],
    ['nothing when none are asked for', 0n, [], []],
    [
      'those not there, in bit order and once each',
      bits('ViewChannel'),
      ['ManageMessages', 'ReadMessageHistory', 'ViewChannel', 'ManageMessages'],
      ['ManageMessages', 'ReadMessageHistory'],
    ],
    ['nothing with Administrator', bits('Administrator'), ['ViewChannel', 'ManageChannels'], []],
  ])('lists %s', (_, have, needed, missing) => {
    expect(missingPermissions(have, needed)).toEqual(missing);
  });

  it('throws on a name that is no permission, with Administrator too', () => {
    for (const have of [0n, bits('Administrator')]) {
      expect(() => missingPermissions(have, ['ViewChannel', 'View Channel'])).toThrow(
        'unknown permission "View Channel"',
      );
    }
  });
});
