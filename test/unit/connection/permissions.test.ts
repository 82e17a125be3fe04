import { PermissionFlagsBits } from 'discord-api-types/v10';
import { describe, expect, it } from 'vitest';
import { BUILTIN_ACTIONS } from '../../../src/actions/builtins.js';
import {
  inviteUrl,
  type LoopPermissionInput,
  PERMISSION_BITS,
  permissionNamed,
  permissionNeeds,
} from '../../../src/connection/permissions.js';

const builtin = (action: string) => {
  const found = BUILTIN_ACTIONS.find((a) => a.name === action);
  if (!found) throw new Error(`no built-in ${action}`);
  return found.permissions;
};
const loop = (
  name: string,
  action: string,
  options: Record<string, unknown> = {},
): LoopPermissionInput => ({ loop: name, action, permissions: builtin(action), options });

describe('the permission bits', () => {
  it.each([
    ['View Channel', 1n << 10n],
    ['Send Messages', 1n << 11n],
    ['Manage Messages', 1n << 13n],
    ['Read Message History', 1n << 16n],
    ['Manage Channels', 1n << 4n],
    ['Embed Links', 1n << 14n],
  ])('%s is %s, as DISCORD-NOTES says', (name, bit) => {
    const flag = permissionNamed(name);
    expect(flag && PERMISSION_BITS[flag]).toBe(bit);
  });

  it("match discord-api-types' PermissionFlagsBits, name for name", () => {
    for (const [name, bit] of Object.entries(PERMISSION_BITS)) {
      expect(PermissionFlagsBits[name as keyof typeof PermissionFlagsBits], name).toBe(bit);
    }
  });

  it.each([
    ['ViewChannel', 'ViewChannel'],
    ['View Channels', 'ViewChannel'],
    ['VIEW_CHANNEL', 'ViewChannel'],
    ['Manage Server', 'ManageGuild'],
    ['Timeout Members', 'ModerateMembers'],
    ['Use Voice Activity', 'UseVAD'],
    ['Fly', undefined],
  ])('%s is read as %s', (text, name) => {
    expect(permissionNamed(text)).toBe(name);
  });
});

describe('what loops need', () => {
  it.each([
    [[loop('greet', 'send-message'), loop('counter', 'rename-channel')], 3088n],
    [[loop('greet', 'send-message', { embed: { title: 'Hi' } })], 1024n + 2048n + 16384n],
    [[loop('greet', 'send-message', { content: 'hi' })], 3072n],
    [[loop('voice', 'list-voice'), loop('status', 'set-presence')], 0n],
    [[], 0n],
  ])('%# → %s', (loops, bits) => {
    expect(permissionNeeds(loops).bits).toBe(bits);
  });

  it('says which loops need each permission, in bit order, each loop once', () => {
    const { needs, unknown } = permissionNeeds([
      loop('greet', 'send-message'),
      loop('counter', 'rename-channel'),
      loop('counter-2', 'rename-channel'),
    ]);
    expect(needs.map(({ name, loops }) => [name, loops])).toEqual([
      ['ManageChannels', ['counter', 'counter-2']],
      ['ViewChannel', ['greet', 'counter', 'counter-2']],
      ['SendMessages', ['greet']],
    ]);
    expect(unknown).toEqual([]);
  });

  it("takes a plugin's discord.js flag names, and reports names it does not know", () => {
    const { bits, unknown } = permissionNeeds([
      {
        loop: 'tidy',
        action: 'purge',
        permissions: ['ManageMessages', 'ReadMessageHistory', 'Fly (with wings)', 'Teleport'],
        options: { wings: true },
      },
    ]);
    expect(bits).toBe((1n << 13n) | (1n << 16n));
    expect(unknown).toEqual([
      { loop: 'tidy', action: 'purge', permission: 'Fly' },
      { loop: 'tidy', action: 'purge', permission: 'Teleport' },
    ]);
  });
});

it('the invite URL is the OAuth2 bot URL with the permissions in decimal', () => {
  expect(inviteUrl('893429533900931072', 3088n)).toBe(
    'https://discord.com/oauth2/authorize?client_id=893429533900931072&scope=bot&permissions=3088',
  );
});
