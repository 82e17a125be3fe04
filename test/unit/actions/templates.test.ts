import { describe, expect, it } from 'vitest';
import { loopIntents } from '../../../src/actions/intents.js';
import { formatNow, templateValues } from '../../../src/actions/placeholders.js';
import { renameChannel } from '../../../src/actions/rename-channel.js';
import { parseActivity, setPresence } from '../../../src/actions/set-presence.js';
import { selectChannel } from '../../../src/actions/targets.js';
import {
  placeholdersIn,
  renderTemplate,
  templateProblems,
} from '../../../src/actions/templates.js';
import type { ChannelInfo, GuildInfo } from '../../../src/actions/types.js';
import { dataContext } from '../../helpers/data-port.js';

describe('templates', () => {
  it('replace placeholders, keep {{ }} as braces, and ask only for what they use', async () => {
    const asked: string[] = [];
    const value = (name: string, v: string | number) => () => {
      asked.push(name);
      return v;
    };
    const text = await renderTemplate('{{not}} Members: { guild.memberCount } in {guild.name}', {
      'guild.memberCount': value('memberCount', 1234),
      'guild.name': value('name', 'Alpha'),
      'bot.guildCount': value('guildCount', 2),
    });
    expect(text).toBe('{not} Members: 1234 in Alpha');
    expect(asked.sort()).toEqual(['memberCount', 'name']);
  });

  it('wait for values that come from Discord', async () => {
    expect(
      await renderTemplate('{guild.memberCount}', { 'guild.memberCount': async () => 7 }),
    ).toBe('7');
  });

  it('list the placeholders they use', () => {
    expect(placeholdersIn('{a} {{b}} {c.d}')).toEqual(['a', 'c.d']);
  });

  it('name an unknown placeholder, with a did-you-mean', () => {
    expect(templateProblems('Members: {guild.membercount}', 'guild')).toEqual([
      'unknown placeholder {guild.membercount}: did you mean {guild.memberCount}?; expected one of {guild.name}, {guild.memberCount}, {guild.voiceCount}, {bot.guildCount}, {loop.name}, {loop.iteration}, {now}',
    ]);
  });

  it("accept an option's own placeholders there only, and render them from the action's values", async () => {
    const own = ['item.title', 'feed.title'];
    expect(templateProblems('{item.title} ({feed.title}) in {guild.name}', 'guild', own)).toEqual(
      [],
    );
    expect(templateProblems('{item.titel}', 'guild', own)[0]).toMatch(
      /^unknown placeholder \{item.titel\}: did you mean \{item.title\}\?; expected one of .*\{item.title\}, \{feed.title\}$/,
    );
    expect(templateProblems('{item.title}', 'guild')[0]).toMatch(
      /^unknown placeholder \{item.title\}; expected one of \{guild.name\}/,
    );
    expect(
      await renderTemplate<'item.title'>('{item.title} · {loop.name}', {
        'item.title': () => 'Hello',
        'loop.name': () => 'news',
      }),
    ).toBe('Hello · news');
  });

  it('refuse guild placeholders where the action has no guild', () => {
    expect(templateProblems('Watching {guild.name}', 'global')[0]).toMatch(
      /^unknown placeholder \{guild.name\} \(this action has no guild\)/,
    );
    expect(templateProblems('Watching {bot.guildCount} guilds', 'global')).toEqual([]);
  });
});

describe('set-presence activities', () => {
  it.each([
    ['Playing chess', { type: 'Playing', name: 'chess' }],
    ['Watching 3 guilds', { type: 'Watching', name: '3 guilds' }],
    ['Listening to lofi', { type: 'Listening', name: 'lofi' }],
    ['Competing in a cup', { type: 'Competing', name: 'a cup' }],
    ['On a loop', { type: 'Custom', name: 'On a loop' }],
    ['Playingchess', { type: 'Custom', name: 'Playingchess' }],
  ])('%s', (text, expected) => {
    expect(parseActivity(text)).toEqual(expected);
  });
});

describe('selectChannel', () => {
  const guilds: GuildInfo[] = [
    { id: '1', name: 'Alpha', memberCount: 1, shard: 0 },
    { id: '2', name: 'Beta', memberCount: 1, shard: 0 },
  ];
  const channels: ChannelInfo[] = [
    { id: '11', name: 'general', kind: 'text', guildId: '1', guildName: 'Alpha' },
    { id: '12', name: 'General', kind: 'voice', guildId: '1', guildName: 'Alpha' },
    { id: '21', name: 'general', kind: 'text', guildId: '2', guildName: 'Beta' },
  ];

  it('finds a channel by id, by name, by #name, within a guild', () => {
    expect(selectChannel(channels, guilds, '21', ['text'])?.id).toBe('21');
    expect(selectChannel(channels, guilds, 'General', ['voice'])?.id).toBe('12');
    expect(selectChannel(channels, guilds, '#general', ['text'], 'Beta')?.id).toBe('21');
  });

  it('a name in two guilds is an error that lists both', () => {
    expect(() => selectChannel(channels, guilds, 'general', ['text'])).toThrow(
      '2 channels are named "general": #general in Alpha (11), #general in Beta (21). Use an id, or set guild.',
    );
  });

  it('no such channel is an error naming what was looked for', () => {
    expect(() => selectChannel(channels, guilds, 'lobby', ['text', 'voice'], 'Alpha')).toThrow(
      'No text or voice channel named or with id "lobby" in Alpha.',
    );
  });
});

describe('{now}', () => {
  it('is "YYYY-MM-DD HH:MM" in the loop timezone, or in local time without one', () => {
    const at = Date.UTC(2026, 10, 24, 18, 30, 59);
    expect(formatNow(at, 'Europe/Moscow')).toBe('2026-11-24 21:30');
    expect(formatNow(at, 'UTC')).toBe('2026-11-24 18:30');
    const local = new Date(at);
    const pad = (n: number) => String(n).padStart(2, '0');
    expect(formatNow(at)).toBe(
      `${local.getFullYear()}-${pad(local.getMonth() + 1)}-${pad(local.getDate())} ${pad(local.getHours())}:${pad(local.getMinutes())}`,
    );
  });
});

describe('the placeholder table', () => {
  const alpha = { id: '1', name: 'Alpha', memberCount: 0, shard: 0 };
  const context = dataContext([
    {
      ...alpha,
      channels: [
        { id: '10', name: 'General', members: [{ id: 'a', username: 'a', displayName: 'A' }] },
      ],
    },
  ]);

  it('gives every placeholder a value in a guild, and only the global ones without', async () => {
    const everything =
      '{guild.name} {guild.memberCount} {guild.voiceCount} {bot.guildCount} {loop.name} {loop.iteration} {now}';
    expect(await renderTemplate(everything, templateValues(context, alpha))).toBe(
      'Alpha 0 1 1 test 1 2026-11-24 18:30',
    );
    expect(Object.keys(templateValues(context)).sort()).toEqual([
      'bot.guildCount',
      'loop.iteration',
      'loop.name',
      'now',
    ]);
  });

  it("adds the intents a template's placeholders read to its loop's", () => {
    expect(
      loopIntents(renameChannel, { channel: 'c', name: 'In voice: {guild.voiceCount}' }),
    ).toEqual(['Guilds', 'GuildVoiceStates']);
    expect(loopIntents(setPresence, { activities: ['Watching {bot.guildCount} guilds'] })).toEqual([
      'Guilds',
    ]);
    expect(loopIntents(setPresence, { activities: ['Loop {loop.iteration}'] })).toEqual([]);
  });
});
