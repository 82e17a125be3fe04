import { DISCORD_EPOCH, snowflake } from '../snowflake.js';
import type { TimelineEntry } from '../timeline.js';
import { DEFAULT_BOT } from './default-world.js';
import {
  DEFAULT_BOT_PERMISSIONS,
  DEFAULT_EVERYONE_PERMISSIONS,
  type PermissionName,
  permissionBits,
} from './permissions.js';
import type {
  ChannelSpec,
  GuildSpec,
  MemberSpec,
  PrivilegedIntentName,
  WorldSpec,
} from './spec.js';

export interface MemberInput {
  /** How `voice` lists refer to this member; also the default global name. */
  name: string;
  /** Default: `name` lower-cased without spaces. */
  username?: string;
  /** Default: `name`; null for a user without a global name. */
  globalName?: string | null;
  nick?: string | null;
  bot?: boolean;
}

export interface GuildInput {
  name: string;
  /** Default: generated so that guild i lands on shard i % n for n = 1, 2, 3 or 6. */
  id?: string;
  /** Text channel names (default `['general']`). */
  text?: string[];
  /** Voice channel name → the members sitting in it (names; unknown names become members). */
  voice?: Record<string, string[]>;
  /** Members by name or in full; the bot is always added. */
  members?: (string | MemberInput)[];
  /** The bot's role permissions (default: view, send, embed, history, manage channels, connect). */
  botPermissions?: PermissionName[];
  /** Text channel name → permissions the bot is denied there (an overwrite for the bot). */
  denyBot?: Record<string, PermissionName[]>;
}

export interface WorldInput {
  guilds: GuildInput[];
  bot?: Partial<typeof DEFAULT_BOT>;
  privilegedIntents?: PrivilegedIntentName[];
  shards?: number;
  timeline?: TimelineEntry[];
}

// (GUILD_BASE - epoch) is a multiple of 6, so the guild index decides the shard for small counts.
const GUILD_BASE = DISCORD_EPOCH + 228_000_000_000;
const USER_BASE = Date.UTC(2018, 0, 1);
const THING_BASE = Date.UTC(2022, 0, 1);

/**
 * A world from names, for tests:
 * `world({ guilds: [{ name: 'Alpha Guild', voice: { General: ['Alice', 'Bob'] } }] })`.
 * Ids are deterministic snowflakes; the same member name in two guilds is the same user.
 */
export function world(input: WorldInput): WorldSpec {
  const bot = { ...DEFAULT_BOT, ...input.bot };
  const userIds = new Map<string, string>();
  let things = 0;
  const nextId = () => snowflake(THING_BASE + things++ * 1000);
  const userId = (username: string) => {
    let id = userIds.get(username);
    if (!id) {
      id = snowflake(USER_BASE + userIds.size * 86_400_000);
      userIds.set(username, id);
    }
    return id;
  };

  const guilds = input.guilds.map((guild, index): GuildSpec => {
    const guildId = guild.id ?? snowflake(GUILD_BASE + index);
    const botRoleId = nextId();
    const members = new Map<string, MemberSpec>();
    const addMember = (entry: string | MemberInput) => {
      const spec: MemberInput = typeof entry === 'string' ? { name: entry } : entry;
      if (members.has(spec.name)) return;
      const username = spec.username ?? spec.name.toLowerCase().replace(/\s+/g, '');
      members.set(spec.name, {
        id: userId(username),
        username,
        globalName: spec.globalName === undefined ? spec.name : spec.globalName,
        nick: spec.nick ?? null,
        bot: spec.bot ?? false,
      });
    };
    for (const member of guild.members ?? []) addMember(member);
    for (const names of Object.values(guild.voice ?? {})) for (const name of names) addMember(name);

    const textCategory = nextId();
    const voiceCategory = nextId();
    const channels: ChannelSpec[] = [
      { id: textCategory, type: 4, name: 'Text Channels', position: 0 },
      ...(guild.text ?? ['general']).map((name, position): ChannelSpec => {
        const denied = guild.denyBot?.[name];
        return {
          id: nextId(),
          type: 0,
          name,
          position,
          parentId: textCategory,
          ...(denied
            ? {
                permissionOverwrites: [
                  { id: bot.id, type: 1, deny: permissionBits(...denied).toString() },
                ],
              }
            : {}),
        };
      }),
      { id: voiceCategory, type: 4, name: 'Voice Channels', position: 1 },
    ];
    const voiceStates: GuildSpec['voiceStates'] = [];
    Object.entries(guild.voice ?? {}).forEach(([name, sitting], position) => {
      const id = nextId();
      channels.push({ id, type: 2, name, position, parentId: voiceCategory });
      for (const member of sitting) {
        const memberId = members.get(member)?.id;
        if (memberId) voiceStates.push({ userId: memberId, channelId: id });
      }
    });

    const botPermissions = guild.botPermissions
      ? permissionBits(...guild.botPermissions)
      : DEFAULT_BOT_PERMISSIONS;
    return {
      id: guildId,
      name: guild.name,
      roles: [
        {
          id: guildId,
          name: '@everyone',
          permissions: DEFAULT_EVERYONE_PERMISSIONS.toString(),
          position: 0,
        },
        {
          id: botRoleId,
          name: bot.username,
          permissions: botPermissions.toString(),
          position: 1,
          managed: true,
        },
      ],
      channels,
      members: [...members.values()],
      voiceStates,
    };
  });

  return {
    application: { id: bot.id, privilegedIntents: input.privilegedIntents ?? [] },
    bot,
    shards: input.shards ?? 1,
    guilds,
    ...(input.timeline ? { timeline: input.timeline } : {}),
  };
}
