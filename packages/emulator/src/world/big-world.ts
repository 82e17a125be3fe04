import { pick, randomInt, seededRandom } from '../prng.js';
import { snowflake } from '../snowflake.js';
import { DEFAULT_BOT } from './default-world.js';
import {
  DEFAULT_BOT_PERMISSIONS,
  DEFAULT_EVERYONE_PERMISSIONS,
  type PermissionName,
  permissionBits,
} from './permissions.js';
import type {
  BotSpec,
  ChannelSpec,
  GuildSpec,
  MemberSpec,
  PermissionOverwriteSpec,
  PresenceSpec,
  RoleSpec,
  VoiceStateSpec,
  WorldSpec,
} from './spec.js';

export interface BigWorldOptions {
  /** Default 1000. */
  guilds?: number;
  /** Per guild, the bot included (default 100). */
  members?: number;
  /** Members in voice per guild, at most (default 5). */
  voicePerGuild?: number;
  /** The same seed gives the same world (default 20261124). */
  seed?: number;
  bot?: BotSpec;
}

const FIRST =
  'alex sam robin kim lou mika nico casey riley jamie avery quinn charlie dana eli finn harper jesse kai lee max noa pat reese sasha toni val wren yuki zoe'.split(
    ' ',
  );
const ADJ = 'Cosmic Cozy Crimson Frosty Golden Lazy Midnight Neon Pixel Quiet'.split(' ');
const NOUN = 'Club Collective Crew Den Gamers Garden Guild Hangout Lounge Study'.split(' ');
const GAMES = ['Stardew Valley', 'Factorio', 'Rocket League', 'Hades', 'Minecraft', 'Valorant'];

const USER_BASE = Date.UTC(2016, 0, 1);
const GUILD_BASE = Date.UTC(2018, 0, 1);

const bits = (...names: PermissionName[]) => permissionBits(...names).toString();

/**
 * A large generated world for load and memory tests (bench/rss.js): by default 1,000 guilds ×
 * 100 members, the same for the same seed. Every guild looks like a small community server:
 * - roles: @everyone, the bot's managed role, Moderator (hoisted, coloured), Member (coloured),
 *   Muted;
 * - channels: 3 categories (Information, Text Channels, Voice Channels), 8 text channels
 *   (#rules and #announcements read-only for @everyone, #mod-chat hidden from @everyone and
 *   opened to Moderator and the bot role; topics on most) and 4 voice channels (General,
 *   Gaming with a user limit, Music, AFK);
 * - `members` members including the bot: ~85 % hold Member, 3 Moderator, ~2 % Muted, ~15 % a
 *   nickname, ~80 % a global name;
 * - up to `voicePerGuild` members in voice (General, Gaming, Music), each user in voice in at
 *   most one guild, as on Discord;
 * - presences for ~35 % of members (online / idle / dnd; a third with a "Playing" activity).
 * The first guild is "Alpha Guild" and its fourth voice channel "Town Hall", the names
 * loops.example.yaml aims at. Users are shared: members are drawn from a pool of
 * guilds × members / 2 users, so each user sits in about two guilds.
 */
export function bigWorld(options: BigWorldOptions = {}): WorldSpec {
  const {
    guilds: guildCount = 1000,
    members: membersPerGuild = 100,
    voicePerGuild = 5,
    seed = 20_261_124,
    bot = DEFAULT_BOT,
  } = options;
  const random = seededRandom(seed);
  const int = (min: number, max: number) => randomInt(random, min, max);
  const humansPerGuild = membersPerGuild - 1;
  const poolSize = Math.max(humansPerGuild, Math.round((guildCount * humansPerGuild) / 2));

  const users = Array.from({ length: poolSize }, (_, i) => {
    const first = FIRST[i % FIRST.length] ?? 'user';
    return {
      id: snowflake(USER_BASE + i * 900_000 + int(0, 899_999)),
      username: `${first}_${i.toString(36)}`,
      globalName: random() < 0.8 ? `${first} ${String.fromCharCode(65 + (i % 26))}.` : null,
    };
  });
  const inVoiceSomewhere = new Set<string>();

  const guilds = Array.from({ length: guildCount }, (_, g): GuildSpec => {
    // Two hours apart, plus g ms so that consecutive guilds land on consecutive shards (a guild's
    // shard is its creation ms mod the count: whole hours alone put all on shard 0 of 16).
    const created = GUILD_BASE + g * 7_200_000 + g;
    const guildId = snowflake(created);
    let things = 0;
    const nextId = () => snowflake(created + ++things * 60_000);
    const role = { bot: nextId(), moderator: nextId(), member: nextId(), muted: nextId() };
    const roles: RoleSpec[] = [
      {
        id: guildId,
        name: '@everyone',
        position: 0,
        permissions: DEFAULT_EVERYONE_PERMISSIONS.toString(),
      },
      { id: role.muted, name: 'Muted', position: 1, permissions: '0' },
      {
        id: role.member,
        name: 'Member',
        position: 2,
        color: 0x3498db,
        permissions: '0',
        mentionable: true,
      },
      {
        id: role.moderator,
        name: 'Moderator',
        position: 3,
        color: 0xe67e22,
        hoist: true,
        permissions: bits(
          'ManageMessages',
          'MentionEveryone',
          'MuteMembers',
          'MoveMembers',
          'ManageNicknames',
          'ModerateMembers',
        ),
      },
      {
        id: role.bot,
        name: bot.username,
        position: 4,
        managed: true,
        permissions: DEFAULT_BOT_PERMISSIONS.toString(),
      },
    ];

    const category = { info: nextId(), text: nextId(), voice: nextId() };
    const readOnly: PermissionOverwriteSpec[] = [
      { id: guildId, type: 0, deny: bits('SendMessages', 'AddReactions') },
    ];
    const mutedCannotTalk: PermissionOverwriteSpec = {
      id: role.muted,
      type: 0,
      deny: bits('SendMessages', 'Speak'),
    };
    const text = (
      name: string,
      parentId: string,
      position: number,
      topic: string | null,
      permissionOverwrites: PermissionOverwriteSpec[] = [],
    ): ChannelSpec => ({
      id: nextId(),
      type: 0,
      name,
      position,
      parentId,
      topic,
      permissionOverwrites,
    });
    const voice = (
      name: string,
      position: number,
      extra: Partial<ChannelSpec> = {},
    ): ChannelSpec => ({
      id: nextId(),
      type: 2,
      name,
      position,
      parentId: category.voice,
      bitrate: 64_000,
      permissionOverwrites: [mutedCannotTalk],
      ...extra,
    });
    const [general, gaming, music, lastVoice] = [
      voice('General', 0),
      voice('Gaming', 1, { userLimit: 10 }),
      voice('Music', 2, { bitrate: 96_000 }),
      voice(g === 0 ? 'Town Hall' : 'AFK', 3),
    ];
    const channels: ChannelSpec[] = [
      { id: category.info, type: 4, name: 'Information', position: 0 },
      { id: category.text, type: 4, name: 'Text Channels', position: 1 },
      { id: category.voice, type: 4, name: 'Voice Channels', position: 2 },
      text('rules', category.info, 0, 'Read before posting. Be kind.', readOnly),
      text('announcements', category.info, 1, 'News about the server', readOnly),
      text('general', category.text, 2, 'Anything goes (within the rules)', [mutedCannotTalk]),
      text('off-topic', category.text, 3, null, [mutedCannotTalk]),
      text('media', category.text, 4, 'Screenshots, clips, art', [mutedCannotTalk]),
      text('memes', category.text, 5, null, [mutedCannotTalk]),
      text('bot-commands', category.text, 6, 'Talk to the bots here', [mutedCannotTalk]),
      text('mod-chat', category.text, 7, 'Moderators only', [
        { id: guildId, type: 0, deny: bits('ViewChannel') },
        { id: role.moderator, type: 0, allow: bits('ViewChannel') },
        { id: role.bot, type: 0, allow: bits('ViewChannel') },
      ]),
      general,
      gaming,
      music,
      lastVoice,
    ];

    // `humansPerGuild` distinct users from the pool, then the bot first.
    const chosen = new Set<number>();
    while (chosen.size < humansPerGuild) chosen.add(int(0, poolSize - 1));
    const joinedBase = created + 86_400_000;
    const humans = [...chosen]
      .flatMap((index) => users[index] ?? [])
      .map((user, i): MemberSpec => {
        const memberRoles: string[] = [];
        if (i < 3) memberRoles.push(role.moderator);
        if (random() < 0.85) memberRoles.push(role.member);
        if (random() < 0.02) memberRoles.push(role.muted);
        return {
          ...user,
          nick:
            random() < 0.15
              ? `${pick(random, ADJ)} ${user.username.split('_')[0]}`.slice(0, 32)
              : null,
          roles: memberRoles,
          joinedAt: new Date(joinedBase + int(0, 1_000) * 3_600_000).toISOString(),
        };
      });
    const members: MemberSpec[] = [
      {
        id: bot.id,
        username: bot.username,
        globalName: null,
        bot: true,
        roles: [role.bot],
        joinedAt: new Date(created + 3_600_000).toISOString(),
      },
      ...humans,
    ];

    const voiceStates: VoiceStateSpec[] = [];
    const seats = [general, general, gaming, gaming, music];
    for (const member of humans) {
      if (voiceStates.length >= voicePerGuild) break;
      if (inVoiceSomewhere.has(member.id) || random() < 0.5) continue;
      inVoiceSomewhere.add(member.id);
      voiceStates.push({
        userId: member.id,
        channelId: (seats[voiceStates.length % seats.length] ?? general).id,
        selfMute: random() < 0.3,
        selfDeaf: random() < 0.1,
      });
    }

    const presences: PresenceSpec[] = [];
    for (const member of humans) {
      if (random() >= 0.35) continue;
      const status = pick(random, ['online', 'online', 'online', 'idle', 'dnd'] as const);
      presences.push({
        userId: member.id,
        status,
        ...(random() < 0.33 ? { activities: [{ type: 0, name: pick(random, GAMES) }] } : {}),
      });
    }

    // Drawn for every guild, so the first guild's name leaves the other guilds as they were.
    const [adjective, noun] = [pick(random, ADJ), pick(random, NOUN)];
    const number = String(g + 1).padStart(4, '0');
    return {
      id: guildId,
      name: g === 0 ? 'Alpha Guild' : `${adjective} ${noun} ${number}`,
      ownerId: humans[0]?.id ?? bot.id,
      joinedAt: new Date(created + 3_600_000).toISOString(),
      features: g % 10 === 0 ? ['COMMUNITY', 'NEWS'] : [],
      systemChannelId: channels[5]?.id ?? null,
      roles,
      channels,
      members,
      voiceStates,
      presences,
    };
  });

  return {
    application: { id: bot.id, privilegedIntents: [] },
    bot,
    shards: 1,
    guilds,
  };
}
