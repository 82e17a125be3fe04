import type {
  ActivitySpec,
  ChannelTypeSpec,
  PresenceStatus,
  PrivilegedIntentName,
} from './spec.js';

/**
 * The world's live state: normalised records with every field filled in. `World` owns them;
 * `Emulator.world()` hands out a deep copy of this shape.
 */
export interface UserRecord {
  id: string;
  username: string;
  globalName: string | null;
  avatar: string | null;
  bot: boolean;
}

export interface RoleRecord {
  id: string;
  name: string;
  permissions: string;
  position: number;
  color: number;
  hoist: boolean;
  managed: boolean;
  mentionable: boolean;
}

export interface OverwriteRecord {
  id: string;
  type: 0 | 1;
  allow: string;
  deny: string;
}

export interface ChannelRecord {
  id: string;
  guildId: string;
  type: ChannelTypeSpec;
  name: string;
  position: number;
  parentId: string | null;
  topic: string | null;
  nsfw: boolean;
  /** Voice and stage channels only; null otherwise. */
  bitrate: number | null;
  userLimit: number | null;
  rtcRegion: string | null;
  rateLimitPerUser: number;
  permissionOverwrites: OverwriteRecord[];
  lastMessageId: string | null;
}

export interface MemberRecord {
  userId: string;
  nick: string | null;
  roles: string[];
  joinedAt: string;
}

export interface VoiceStateRecord {
  userId: string;
  channelId: string;
  sessionId: string;
  selfMute: boolean;
  selfDeaf: boolean;
}

export interface PresenceRecord {
  userId: string;
  status: PresenceStatus;
  activities: ActivitySpec[];
}

export interface GuildRecord {
  id: string;
  name: string;
  ownerId: string;
  joinedAt: string;
  features: string[];
  systemChannelId: string | null;
  /** In an outage: announced by GUILD_DELETE instead of GUILD_CREATE. */
  unavailable: boolean;
  roles: RoleRecord[];
  channels: ChannelRecord[];
  members: MemberRecord[];
  voiceStates: VoiceStateRecord[];
  presences: PresenceRecord[];
}

export interface MessageRecord {
  id: string;
  channelId: string;
  guildId: string;
  authorId: string;
  content: string;
  tts: boolean;
  embeds: unknown[];
  components: unknown[];
  /** The request's `allowed_mentions`, verbatim (null when the client sent none). */
  allowedMentions: unknown;
  /** Users, roles and @everyone actually mentioned once `allowed_mentions` is applied. */
  mentionUserIds: string[];
  mentionRoleIds: string[];
  mentionEveryone: boolean;
  nonce: string | number | null;
  flags: number;
  messageReference: unknown;
  timestamp: string;
  editedTimestamp: string | null;
  pinned: boolean;
  /** When it was pinned (ISO 8601), for the pins list; null when not pinned. */
  pinnedAt: string | null;
}

export interface BotPresenceRecord {
  status: PresenceStatus;
  activities: unknown[];
  since: number | null;
  afk: boolean;
}

export interface ApplicationRecord {
  id: string;
  name: string;
  flags: number;
  privilegedIntents: PrivilegedIntentName[];
}

/** A read-only copy of the whole world, for assertions. */
export interface WorldSnapshot {
  application: ApplicationRecord;
  bot: UserRecord & { presence: BotPresenceRecord | null };
  users: UserRecord[];
  guilds: GuildRecord[];
  messages: MessageRecord[];
}

/** What changed, for the gateway to turn into dispatches. */
export type WorldChange =
  | { type: 'voiceStateUpdate'; guildId: string; userId: string; channelId: string | null }
  | { type: 'guildMemberAdd'; guildId: string; userId: string }
  | { type: 'guildMemberRemove'; guildId: string; user: UserRecord }
  | { type: 'channelUpdate'; guildId: string; channelId: string }
  | { type: 'messageCreate'; guildId: string; channelId: string; messageId: string }
  | { type: 'messageUpdate'; guildId: string; channelId: string; messageId: string }
  | { type: 'messageDelete'; guildId: string; channelId: string; messageId: string }
  | { type: 'messageDeleteBulk'; guildId: string; channelId: string; messageIds: string[] }
  | { type: 'presenceUpdate'; guildId: string; userId: string };
