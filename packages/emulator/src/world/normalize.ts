import { randomBytes } from 'node:crypto';
import { DEFAULT_EVERYONE_PERMISSIONS } from './permissions.js';
import type {
  ApplicationRecord,
  ChannelRecord,
  GuildRecord,
  MemberRecord,
  PresenceRecord,
  RoleRecord,
  UserRecord,
} from './records.js';
import type { ChannelSpec, GuildSpec, PrivilegedIntentName, WorldSpec } from './spec.js';

/** Used for members whose spec gives no `joinedAt`, so snapshots are the same on every run. */
export const DEFAULT_JOINED_AT = '2022-01-01T00:00:00.000Z';

/** Application flags Discord sets when a privileged intent is switched on (unverified bots). */
const INTENT_FLAGS: Record<PrivilegedIntentName, number> = {
  GuildPresences: 1 << 13,
  GuildMembers: 1 << 15,
  MessageContent: 1 << 19,
};

export interface NormalizedWorld {
  application: ApplicationRecord;
  bot: UserRecord;
  token: string;
  users: Map<string, UserRecord>;
  guilds: GuildRecord[];
}

/** Turns a (checked) spec into records with every default filled in. */
export function normalizeWorld(
  spec: WorldSpec,
  fallbackBot: NonNullable<WorldSpec['bot']>,
): NormalizedWorld {
  const botSpec = spec.bot ?? fallbackBot;
  const bot: UserRecord = {
    id: botSpec.id,
    username: botSpec.username,
    globalName: botSpec.globalName ?? null,
    avatar: null,
    bot: true,
  };
  const privilegedIntents = [...new Set(spec.application?.privilegedIntents ?? [])];
  const application: ApplicationRecord = {
    id: spec.application?.id ?? bot.id,
    name: spec.application?.name ?? bot.username,
    flags: privilegedIntents.reduce(
      (flags, name) => flags | INTENT_FLAGS[name],
      spec.application?.flags ?? 0,
    ),
    privilegedIntents,
  };
  const users = new Map<string, UserRecord>([[bot.id, bot]]);
  const guilds = spec.guilds.map((guild) => normalizeGuild(guild, bot, users));
  return { application, bot, token: botSpec.token, users, guilds };
}

function normalizeGuild(
  spec: GuildSpec,
  bot: UserRecord,
  users: Map<string, UserRecord>,
): GuildRecord {
  const joinedAt = spec.joinedAt ?? DEFAULT_JOINED_AT;
  const members: MemberRecord[] = [];
  for (const member of spec.members ?? []) {
    if (!users.has(member.id)) {
      users.set(member.id, {
        id: member.id,
        username: member.username,
        globalName: member.globalName ?? null,
        avatar: null,
        bot: member.bot ?? false,
      });
    }
    members.push({
      userId: member.id,
      nick: member.nick ?? null,
      roles: [...(member.roles ?? [])],
      joinedAt: member.joinedAt ?? DEFAULT_JOINED_AT,
    });
  }
  if (!members.some((m) => m.userId === bot.id)) {
    members.unshift({ userId: bot.id, nick: null, roles: managedRoleIds(spec), joinedAt });
  }

  const roles: RoleRecord[] = (spec.roles ?? []).map((role, index) => ({
    id: role.id,
    name: role.name,
    permissions: role.permissions,
    position: role.position ?? (role.id === spec.id ? 0 : index + 1),
    color: role.color ?? 0,
    hoist: role.hoist ?? false,
    managed: role.managed ?? false,
    mentionable: role.mentionable ?? false,
  }));
  if (!roles.some((r) => r.id === spec.id)) {
    roles.unshift({
      id: spec.id,
      name: '@everyone',
      permissions: DEFAULT_EVERYONE_PERMISSIONS.toString(),
      position: 0,
      color: 0,
      hoist: false,
      managed: false,
      mentionable: false,
    });
  }

  const channels = (spec.channels ?? []).map((channel, index) =>
    normalizeChannel(channel, spec.id, index),
  );
  const presences: PresenceRecord[] = (spec.presences ?? []).map((p) => ({
    userId: p.userId,
    status: p.status,
    activities: (p.activities ?? []).map((a) => ({ ...a })),
  }));
  const firstHuman = members.find((m) => !users.get(m.userId)?.bot);

  return {
    id: spec.id,
    name: spec.name,
    ownerId: spec.ownerId ?? firstHuman?.userId ?? bot.id,
    joinedAt,
    features: [...(spec.features ?? [])],
    systemChannelId:
      spec.systemChannelId === undefined
        ? (channels.find((c) => c.type === 0)?.id ?? null)
        : spec.systemChannelId,
    unavailable: spec.unavailable === true,
    roles,
    channels,
    members,
    voiceStates: (spec.voiceStates ?? []).map((v) => ({
      userId: v.userId,
      channelId: v.channelId,
      sessionId: voiceSessionId(),
      selfMute: v.selfMute ?? false,
      selfDeaf: v.selfDeaf ?? false,
    })),
    presences,
  };
}

/** The bot joins with its integration role(s), like a bot invited with permissions. */
function managedRoleIds(spec: GuildSpec): string[] {
  return (spec.roles ?? []).filter((r) => r.managed).map((r) => r.id);
}

function normalizeChannel(spec: ChannelSpec, guildId: string, index: number): ChannelRecord {
  const isVoice = spec.type === 2 || spec.type === 13;
  return {
    id: spec.id,
    guildId,
    type: spec.type,
    name: spec.name,
    position: spec.position ?? index,
    parentId: spec.parentId ?? null,
    topic: spec.topic ?? null,
    nsfw: spec.nsfw ?? false,
    bitrate: isVoice ? (spec.bitrate ?? 64_000) : null,
    userLimit: isVoice ? (spec.userLimit ?? 0) : null,
    rtcRegion: isVoice ? (spec.rtcRegion ?? null) : null,
    rateLimitPerUser: 0,
    permissionOverwrites: (spec.permissionOverwrites ?? []).map((o) => ({
      id: o.id,
      type: o.type,
      allow: o.allow ?? '0',
      deny: o.deny ?? '0',
    })),
    lastMessageId: null,
  };
}

/** Voice session ids are opaque to bots; a random hex string, as Discord's look. */
export function voiceSessionId(): string {
  return randomBytes(16).toString('hex');
}
