import type { TimelineEntry } from '../timeline.js';

/**
 * The emulated Discord as plain, JSON-able data: what `startEmulator({ world })` and
 * `loadWorld(json)` take. Ids are snowflake strings (17–19 digits) so discord.js buckets
 * and shards them as it does on Discord. Field names are camelCase; the emulator turns
 * them into Discord's snake_case objects on the wire.
 */
export interface WorldSpec {
  application?: ApplicationSpec;
  bot?: BotSpec;
  /** Recommended shard count returned by GET /gateway/bot (default 1). */
  shards?: number;
  /**
   * `session_start_limit.max_concurrency`: IDENTIFYs per 5 s, one per bucket `shard_id %
   * maxConcurrency` (default 16, or `shards` if more, so multi-shard tests identify at once).
   */
  maxConcurrency?: number;
  guilds: GuildSpec[];
  /** Optional scripted events, used when `startEmulator` gets no `timeline` option. */
  timeline?: TimelineEntry[];
}

/** Privileged intents an application can switch on in the Developer Portal. */
export type PrivilegedIntentName = 'GuildMembers' | 'GuildPresences' | 'MessageContent';

export interface ApplicationSpec {
  /** Defaults to the bot user's id, as on Discord. */
  id?: string;
  name?: string;
  /** Extra application flags; the GATEWAY_*_LIMITED flags for enabled intents are added. */
  flags?: number;
  /** Privileged intents enabled for the application (default none). */
  privilegedIntents?: PrivilegedIntentName[];
}

export interface BotSpec {
  id: string;
  username: string;
  globalName?: string | null;
  /** The token the emulator accepts; anything else gets 401 / close 4004. */
  token: string;
}

export interface RoleSpec {
  id: string;
  name: string;
  /** Permission bit set as a decimal string, as Discord sends it. */
  permissions: string;
  position?: number;
  color?: number;
  hoist?: boolean;
  mentionable?: boolean;
  /** True for a bot's own integration role. */
  managed?: boolean;
}

/** 0 text, 2 voice, 4 category, 5 announcement, 13 stage. */
export type ChannelTypeSpec = 0 | 2 | 4 | 5 | 13;

export interface PermissionOverwriteSpec {
  /** A role id (type 0) or a user id (type 1). */
  id: string;
  type: 0 | 1;
  allow?: string;
  deny?: string;
}

export interface ChannelSpec {
  id: string;
  type: ChannelTypeSpec;
  name: string;
  position?: number;
  parentId?: string | null;
  topic?: string | null;
  nsfw?: boolean;
  /** Voice and stage only (defaults 64000 / 0 / null). */
  bitrate?: number;
  userLimit?: number;
  rtcRegion?: string | null;
  permissionOverwrites?: PermissionOverwriteSpec[];
  /** The channel's history before the emulator starts (text, voice, announcement, stage). */
  messages?: MessageSpec[];
}

/**
 * A message already in a channel when the emulator starts (or seeded later from code). Its id
 * says when it was sent, as on Discord: `(id >> 22) + 1420070400000` ms. Give the id, or
 * `ageMs` for one made that long before the emulator started (or before the call, from code).
 */
export interface MessageSpec {
  id?: string;
  ageMs?: number;
  /** A member of the channel's guild (or the bot). */
  authorId: string;
  /** Default: a short text naming the message's age. */
  content?: string;
  pinned?: boolean;
}

export interface MemberSpec {
  /** The user's id; the same id in two guilds is the same user. */
  id: string;
  username: string;
  globalName?: string | null;
  bot?: boolean;
  nick?: string | null;
  /** Role ids, without @everyone. */
  roles?: string[];
  /** ISO 8601; defaults to a fixed date. */
  joinedAt?: string;
}

export interface VoiceStateSpec {
  userId: string;
  channelId: string;
  selfMute?: boolean;
  selfDeaf?: boolean;
}

export type PresenceStatus = 'online' | 'idle' | 'dnd' | 'offline' | 'invisible';

export interface ActivitySpec {
  /** 0 Playing, 1 Streaming, 2 Listening, 3 Watching, 4 Custom, 5 Competing. */
  type: number;
  name: string;
  state?: string | null;
  url?: string | null;
}

export interface PresenceSpec {
  userId: string;
  status: PresenceStatus;
  activities?: ActivitySpec[];
}

export interface GuildSpec {
  id: string;
  name: string;
  /** Defaults to the first non-bot member. */
  ownerId?: string;
  /** When the bot joined (ISO 8601). */
  joinedAt?: string;
  features?: string[];
  /** @everyone (id = guild id) is added with default permissions when missing. */
  roles?: RoleSpec[];
  channels?: ChannelSpec[];
  /** The bot is added as a member when it is not listed. */
  members?: MemberSpec[];
  voiceStates?: VoiceStateSpec[];
  presences?: PresenceSpec[];
  /** The system channel (defaults to the first text channel). */
  systemChannelId?: string | null;
  /**
   * In a Discord outage: READY lists it, and a GUILD_DELETE `{id, unavailable: true}` comes in
   * place of its GUILD_CREATE (Discord docs, "Guild Delete"). Default false.
   */
  unavailable?: boolean;
}
