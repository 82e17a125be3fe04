import { channelObject, voiceStateObject } from '../objects/channels.js';
import { guildObject } from '../objects/guilds.js';
import { currentUserObject, memberObject, presenceObject } from '../objects/users.js';
import { shardOf } from '../snowflake.js';
import type { GuildRecord, MemberRecord } from '../world/records.js';
import type { World } from '../world/world.js';
import { hasIntent, Intent } from './codes.js';
import type { Session } from './sessions.js';

/** The guilds a session receives: those its shard owns. */
export function guildsForSession(world: World, session: Session): GuildRecord[] {
  const [shardId, shardCount] = session.shard;
  return world.guilds().filter((g) => shardOf(g.id, shardCount) === shardId);
}

export function readyPayload(
  world: World,
  session: Session,
  resumeGatewayUrl: string,
): Record<string, unknown> {
  return {
    v: 10,
    user: currentUserObject(world.bot),
    guilds: guildsForSession(world, session).map((g) => ({ id: g.id, unavailable: true })),
    session_id: session.id,
    session_type: 'normal',
    resume_gateway_url: resumeGatewayUrl,
    shard: [...session.shard],
    application: { id: world.application.id, flags: world.application.flags },
    user_settings: {},
    relationships: [],
    private_channels: [],
    presences: [],
    guild_join_requests: [],
    geo_ordered_rtc_regions: ['emulator'],
    auth: {},
    _trace: ['["discloop-emulator",{}]'],
  };
}

const isOnline = (world: World, guild: GuildRecord, userId: string) => {
  const status = world.presence(guild.id, userId)?.status;
  return status !== undefined && status !== 'offline' && status !== 'invisible';
};

/**
 * Members sent in GUILD_CREATE, as Discord documents: without GUILD_PRESENCES only the bot and
 * users in voice; with it, everyone in a guild up to `large_threshold`, and beyond that only
 * online members, the bot and users in voice.
 */
export function membersForGuildCreate(
  world: World,
  guild: GuildRecord,
  session: Session,
): MemberRecord[] {
  const inVoice = new Set(guild.voiceStates.map((v) => v.userId));
  const essential = (m: MemberRecord) => m.userId === world.bot.id || inVoice.has(m.userId);
  if (!hasIntent(session.intents, Intent.GuildPresences)) return guild.members.filter(essential);
  if (guild.members.length <= session.largeThreshold) return guild.members;
  return guild.members.filter((m) => essential(m) || isOnline(world, guild, m.userId));
}

export function memberPayload(world: World, member: MemberRecord): Record<string, unknown> | null {
  const user = world.user(member.userId);
  return user ? memberObject(member, user) : null;
}

/** A complete GUILD_CREATE for one session, filtered by its intents. */
export function guildCreatePayload(
  world: World,
  guild: GuildRecord,
  session: Session,
): Record<string, unknown> {
  const members = membersForGuildCreate(world, guild, session);
  const withPresences = hasIntent(session.intents, Intent.GuildPresences);
  const withVoice = hasIntent(session.intents, Intent.GuildVoiceStates);
  const sentIds = new Set(members.map((m) => m.userId));
  const bot = world.member(guild.id, world.bot.id);
  return {
    ...guildObject(guild, world.bot.id),
    unavailable: false,
    joined_at: bot?.joinedAt ?? guild.joinedAt,
    large: guild.members.length > session.largeThreshold,
    member_count: guild.members.length,
    lazy: true,
    channels: guild.channels.map((c) => channelObject(c, false)),
    threads: [],
    members: members.map((m) => memberPayload(world, m)).filter((m) => m !== null),
    voice_states: withVoice ? guild.voiceStates.map((v) => voiceStateObject(v)) : [],
    presences: withPresences
      ? guild.presences
          .filter(
            (p) => sentIds.has(p.userId) && p.status !== 'offline' && p.status !== 'invisible',
          )
          .map((p) => presenceObject(p))
      : [],
    stage_instances: [],
    guild_scheduled_events: [],
    soundboard_sounds: [],
    embedded_activities: [],
    activity_instances: [],
  };
}

export interface MemberRequest {
  guildId: string;
  query?: string;
  limit: number;
  presences: boolean;
  userIds?: string[];
  nonce?: string;
}

/**
 * GUILD_MEMBERS_CHUNK payloads answering op 8, 1000 members per chunk. The whole member list
 * (empty query, limit 0) needs GUILD_MEMBERS, as on Discord; without it the answer is empty.
 */
export function memberChunks(
  world: World,
  guild: GuildRecord,
  session: Session,
  request: MemberRequest,
) {
  const hasMembersIntent = hasIntent(session.intents, Intent.GuildMembers);
  let matched: MemberRecord[];
  const notFound: string[] = [];
  if (request.userIds) {
    matched = [];
    for (const id of request.userIds.slice(0, 100)) {
      const member = guild.members.find((m) => m.userId === id);
      if (member) matched.push(member);
      else notFound.push(id);
    }
  } else {
    const query = (request.query ?? '').toLowerCase();
    if (query === '' && !hasMembersIntent) {
      matched = [];
    } else {
      matched = guild.members.filter((m) => {
        const user = world.user(m.userId);
        return (
          query === '' ||
          user?.username.toLowerCase().startsWith(query) ||
          m.nick?.toLowerCase().startsWith(query)
        );
      });
      const limit = query === '' ? request.limit : Math.min(request.limit || 100, 100);
      if (limit > 0) matched = matched.slice(0, limit);
    }
  }
  const withPresences = request.presences && hasIntent(session.intents, Intent.GuildPresences);
  const chunkCount = Math.max(1, Math.ceil(matched.length / 1000));
  return Array.from({ length: chunkCount }, (_, index) => {
    const slice = matched.slice(index * 1000, (index + 1) * 1000);
    return {
      guild_id: guild.id,
      members: slice.map((m) => memberPayload(world, m)).filter((m) => m !== null),
      chunk_index: index,
      chunk_count: chunkCount,
      ...(index === 0 && notFound.length > 0 ? { not_found: notFound } : {}),
      ...(withPresences
        ? {
            presences: guild.presences
              .filter((p) => slice.some((m) => m.userId === p.userId))
              .map((p) => presenceObject(p)),
          }
        : {}),
      ...(request.nonce !== undefined ? { nonce: request.nonce } : {}),
    };
  });
}
